namespace DanVanKheo.Silo.Audit;

/// <summary>Kept in storage <c>dvk</c>; entries are only ever appended.</summary>
public sealed class AuditLogGrain(
    [PersistentState("audit", StorageNames.Store)] IPersistentState<AuditLogState> store) : Grain, IAuditLogGrain
{
    public async Task Append(AuditEntry[] entries)
    {
        store.State.Entries.AddRange(entries);
        await store.WriteStateAsync();
    }

    public Task<AuditPage> Read(int offset, int limit)
    {
        var entries = store.State.Entries;
        var page = Enumerable.Range(0, entries.Count)
            .Select(i => entries[entries.Count - 1 - i])
            .Skip(offset)
            .Take(limit)
            .ToArray();
        return Task.FromResult(new AuditPage(page, entries.Count));
    }
}

[GenerateSerializer, Alias("dvk.AuditLogState")]
public sealed class AuditLogState
{
    [Id(0)] public List<AuditEntry> Entries { get; set; } = [];
}
