using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// Orleans' table of this silo's activations, created with room for <c>Orleans:ActivationCapacity</c> activations
/// (default <see cref="DefaultCapacity"/>; 0 leaves Orleans' own table, which starts small and grows).
/// </summary>
/// <remarks>
/// Orleans keeps every activation of a silo in one <see cref="ConcurrentDictionary{TKey,TValue}"/> that starts at the
/// default size and doubles when full. A growth copies every entry while it holds all of the table's locks, so every new
/// activation waits for it, and with them the thread-pool threads that create activations: the whole silo stops. At
/// whole-country scale the growth past about 1.28 million activations took 0.7–0.9 s, once in every load test (found with
/// a contention trace of the silo; docs/performance.md, twenty-fourth step). Orleans has no setting for the table's size,
/// so the silo builds Orleans' activation directory itself and gives it a table of the configured size before any
/// activation exists. Its bucket array costs 8 bytes per activation of capacity (32 MB for the default).
/// </remarks>
public sealed class ActivationTable
{
    public const string SettingKey = "Orleans:ActivationCapacity";

    /// <summary>The whole country with a million models is about 1.1 million activations; a load test adds a quarter of its updates.</summary>
    public const int DefaultCapacity = 4_000_000;

    // Locks of the table (a writer takes one): the count a default table reaches by this size.
    private const int Locks = 1024;

    internal const string DirectoryTypeName = "Orleans.Runtime.ActivationDirectory, Orleans.Runtime";

    private const string TableFieldName = "_activations";

    /// <summary>The table given to Orleans, or null when Orleans keeps its own (capacity 0, or its directory has changed).</summary>
    public ConcurrentDictionary<GrainId, IGrainContext>? Table { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>The capacity <paramref name="configuration"/> asks for; a negative value is refused by name.</summary>
    public static int CapacityFrom(IConfiguration configuration)
    {
        var value = configuration[SettingKey];
        if (string.IsNullOrEmpty(value))
        {
            return DefaultCapacity;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var capacity) && capacity >= 0
            ? capacity
            : throw new InvalidOperationException($"{SettingKey} '{value}' is not a number of activations (0 or more)");
    }

    internal void Replace(Type directoryType, object directory, int capacity, ILogger logger)
    {
        var field = directoryType.GetField(TableFieldName, BindingFlags.Instance | BindingFlags.NonPublic);
        if (field?.GetValue(directory) is not ConcurrentDictionary<GrainId, IGrainContext> { IsEmpty: true })
        {
            // Another Orleans version: the silo runs with Orleans' own table, as it would with capacity 0.
            ActivationTableLog.NotReplaced(logger, directoryType.FullName ?? DirectoryTypeName, TableFieldName);
            return;
        }

        var table = new ConcurrentDictionary<GrainId, IGrainContext>(Locks, capacity);
        field.SetValue(directory, table);
        Table = table;
        Capacity = capacity;
    }
}

/// <summary>Sets up <see cref="ActivationTable"/>.</summary>
public static class ActivationTableExtensions
{
    /// <summary>Registers Orleans' activation directory built with a table of <paramref name="capacity"/> entries (0: Orleans' own).</summary>
    public static ISiloBuilder UseActivationCapacity(this ISiloBuilder silo, int capacity) =>
        silo.UseActivationCapacity(capacity, ActivationTable.DirectoryTypeName);

    internal static ISiloBuilder UseActivationCapacity(this ISiloBuilder silo, int capacity, string directoryTypeName)
    {
        var holder = new ActivationTable();
        silo.Services.AddSingleton(holder);
        if (capacity == 0)
        {
            return silo;
        }

        if (Type.GetType(directoryTypeName) is not { } directoryType)
        {
            // Another Orleans version without the type: the silo runs with Orleans' own table and says so when it starts.
            silo.Services.AddHostedService(services => new ActivationTableNotFound(services.GetRequiredService<ILogger<ActivationTable>>(), directoryTypeName));
            return silo;
        }

        // Registered after Orleans' own (TryAdd), so this is the instance the catalog and everything else resolve.
        silo.Services.AddSingleton(directoryType, services =>
        {
            var directory = ActivatorUtilities.CreateInstance(services, directoryType);
            holder.Replace(directoryType, directory, capacity, services.GetRequiredService<ILogger<ActivationTable>>());
            return directory;
        });
        return silo;
    }
}

/// <summary>Logs, once the silo starts, that Orleans' activation directory type was not found.</summary>
internal sealed class ActivationTableNotFound(ILogger<ActivationTable> logger, string directoryTypeName) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        ActivationTableLog.NotReplaced(logger, directoryTypeName, "(type)");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class ActivationTableLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Orleans' activation table ({Type} {Field}) was not found; Orleans:ActivationCapacity has no effect and the table grows by itself")]
    public static partial void NotReplaced(ILogger logger, string type, string field);
}
