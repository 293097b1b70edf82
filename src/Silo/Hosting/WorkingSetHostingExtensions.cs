using Orleans.Configuration;

namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// Which activation working set the silo runs: <c>LifecycleOnly</c> (<see cref="LifecycleOnlyWorkingSet"/>, the default for
/// a single in-memory silo) or <c>Orleans</c> (Orleans' own, the default for a PostgreSQL cluster, where silos publish
/// their recently used activation counts to each other).
/// </summary>
public static class WorkingSetHostingExtensions
{
    public const string SettingKey = "Orleans:ActivationWorkingSet";

    public const string LifecycleOnly = nameof(LifecycleOnly);

    public const string Orleans = nameof(Orleans);

    /// <summary>The working set <paramref name="configuration"/> asks for, or the default for the storage.</summary>
    public static string ActivationWorkingSet(this IConfiguration configuration, bool isPostgres)
    {
        var value = configuration[SettingKey];
        if (string.IsNullOrEmpty(value))
        {
            return isPostgres ? Orleans : LifecycleOnly;
        }

        foreach (var known in new[] { LifecycleOnly, Orleans })
        {
            if (string.Equals(value, known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new InvalidOperationException($"{SettingKey} '{value}' is not known; use {LifecycleOnly} or {Orleans}");
    }

    /// <summary>
    /// Replaces Orleans' working set with <see cref="LifecycleOnlyWorkingSet"/> and switches off the incoming-request
    /// monitor, which learns which activations are busy only from the working set's activity events.
    /// </summary>
    public static ISiloBuilder UseLifecycleOnlyWorkingSet(this ISiloBuilder silo)
    {
        // Registered after Orleans' defaults, so it is the one activations and the runtime resolve.
        silo.Services.AddSingleton<LifecycleOnlyWorkingSet>();
        silo.Services.AddSingleton<IActivationWorkingSet>(sp => sp.GetRequiredService<LifecycleOnlyWorkingSet>());
        silo.Configure<SiloMessagingOptions>(o => o.GrainWorkloadAnalysisPeriod = TimeSpan.Zero);
        return silo;
    }
}
