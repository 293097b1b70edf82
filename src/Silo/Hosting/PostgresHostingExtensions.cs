using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Orleans.Runtime.Hosting;
using DanVanKheo.Grains;
using DanVanKheo.Silo.Audit;
using DanVanKheo.Silo.Storage;
using Npgsql;

namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// Durable mode: PostgreSQL. Membership, reminders, accounts and audit through the Orleans ADO.NET providers
/// (invariant Npgsql); unit and model state through <see cref="BatchedGrainStorage"/>, which commits many grains'
/// writes in one statement.
/// </summary>
public static partial class PostgresHostingExtensions
{
    public const string Invariant = "Npgsql";

    /// <summary>Per silo: PostgreSQL allows 100 connections by default, Npgsql would otherwise pool up to 100.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>Unit writes are the bulk of the database work under import: batch them (see <see cref="RollupOptions.WriteInterval"/>).</summary>
    public static readonly TimeSpan DefaultUnitWriteInterval = TimeSpan.FromMilliseconds(100);

    public static string ConnectionString(IConfiguration configuration)
    {
        var text = configuration.GetConnectionString(StorageSettings.ConnectionName);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidOperationException(
                "Storage:Provider is Postgres but no connection string is set: set ConnectionStrings__Postgres, e.g. \"Host=127.0.0.1;Username=dvk;Password=...;Database=dvk\"");
        }

        var builder = new NpgsqlConnectionStringBuilder(text);
        if (!text.Contains("pool size", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        return builder.ConnectionString;
    }

    public static void AddPostgresSchemaMigration(this WebApplicationBuilder builder) =>
        builder.Services.AddHostedService(sp => new SchemaMigration(
            ConnectionString(builder.Configuration), sp.GetRequiredService<ILogger<SchemaMigration>>()));

    public static void UsePostgres(this ISiloBuilder silo, IConfiguration configuration, SiloHostOptions options)
    {
        var connectionString = ConnectionString(configuration);
        var advertised = string.IsNullOrWhiteSpace(options.AdvertisedIP) ? IPAddress.Loopback : IPAddress.Parse(options.AdvertisedIP);
        silo.Configure<Orleans.Configuration.ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });
        silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.Services.AddSingleton<GrainStateSerializer>();
        silo.Services.AddAdoNetGrainStorage(StorageNames.Store, o => o.Configure<GrainStateSerializer>((storage, serializer) =>
        {
            storage.Invariant = Invariant;
            storage.ConnectionString = connectionString;
            storage.GrainStorageSerializer = serializer.Serializer;
        }));
        silo.Services.AddSingleton<BatchedGrainStorage>();
        silo.Services.AddGrainStorage(StorageNames.Rollup, (services, _) => services.GetRequiredService<BatchedGrainStorage>());
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        if (configuration[$"{RollupOptions.Section}:{nameof(RollupOptions.WriteInterval)}"] is null)
        {
            silo.Services.PostConfigure<RollupOptions>(o => o.WriteInterval = DefaultUnitWriteInterval);
        }

        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        // One key ring for the cluster: a sign-in cookie from one silo is valid on the others and after restarts.
        silo.Services.AddDataProtection().SetApplicationName("DanVanKheo");
        silo.Services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((o, dataSource) => o.XmlRepository = new PostgresXmlRepository(dataSource));
        silo.Services.AddSingleton<IStoredModels, PostgresStoredModels>();
        silo.Services.AddSingleton<IAuditStore, PostgresAuditStore>();
    }

    public static void AddMemoryModelCatalog(this IServiceCollection services) =>
        services.AddSingleton<IStoredModels, UnlistableModels>();

    /// <summary>Brings the schema up to date before the silo starts; logs what it applied.</summary>
    private sealed partial class SchemaMigration(string connectionString, ILogger<SchemaMigration> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var applied = await PostgresSchema.ApplyAsync(connectionString, cancellationToken);
            LogSchema(logger, PostgresSchema.LatestVersion, applied.Count == 0 ? "none" : string.Join(", ", applied));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL schema at version {Version}; applied now: {Applied}")]
        private static partial void LogSchema(ILogger logger, int version, string applied);
    }
}
