namespace DanVanKheo.Silo.Hosting;

/// <summary>Bound from section <c>Orleans</c> (environment: <c>Orleans__SiloPort</c> and so on).</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "dvk";

    public string ServiceId { get; set; } = "danvankheo";

    /// <summary>
    /// The address other silos and clients use to reach this one (PostgreSQL clustering only). Empty: loopback,
    /// which suits several silos on one machine; set it to the machine's address for a cluster of machines.
    /// </summary>
    public string? AdvertisedIP { get; set; }
}

/// <summary>
/// Bound from section <c>Storage</c>: <c>Memory</c> (default, nothing kept), <c>LocalMemory</c> (nothing kept,
/// one silo only, fastest: used by the load test) or <c>Postgres</c>.
/// </summary>
public sealed class StorageSettings
{
    public const string Section = "Storage";

    /// <summary>The connection string name (<c>ConnectionStrings__Postgres</c>).</summary>
    public const string ConnectionName = "Postgres";

    public string Provider { get; set; } = "Memory";

    public bool IsLocalMemory => string.Equals(Provider, "LocalMemory", StringComparison.OrdinalIgnoreCase);

    public bool IsMemory => IsLocalMemory || string.Equals(Provider, "Memory", StringComparison.OrdinalIgnoreCase);

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}
