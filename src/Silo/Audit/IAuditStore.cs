namespace DanVanKheo.Silo.Audit;

/// <summary>Where audit entries go: an append-only table when durable, a grain per unit in memory.</summary>
public interface IAuditStore
{
    Task AppendAsync(IReadOnlyCollection<AuditEntry> entries);

    /// <summary>One unit's entries, newest first.</summary>
    Task<AuditPage> ReadAsync(string unit, int offset, int limit);
}

/// <summary>In memory: each unit's log is the state of its <see cref="IAuditLogGrain"/>, gone when the process ends.</summary>
public sealed class GrainAuditStore(IGrainFactory grains) : IAuditStore
{
    public Task AppendAsync(IReadOnlyCollection<AuditEntry> entries) =>
        Task.WhenAll(entries.GroupBy(e => e.Unit).Select(g => grains.GetGrain<IAuditLogGrain>(g.Key).Append([.. g])));

    public Task<AuditPage> ReadAsync(string unit, int offset, int limit) => grains.GetGrain<IAuditLogGrain>(unit).Read(offset, limit);
}
