namespace DanVanKheo.Silo.Audit;

/// <summary>
/// One write: who did it, when, to which unit or model, and the record before and after (JSON, null
/// when the record did not exist before or was not changed).
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string User,
    [property: Id(2)] string Action,
    [property: Id(3)] string Unit,
    [property: Id(4)] string? Model,
    [property: Id(5)] string? Before,
    [property: Id(6)] string? After);

/// <summary>The audit log of one unit (writes to the unit itself and to the models it owns).</summary>
[Alias("dvk.IAuditLogGrain")]
public interface IAuditLogGrain : IGrainWithStringKey
{
    [Alias("Append")]
    Task Append(AuditEntry[] entries);

    /// <summary>Newest first.</summary>
    [Alias("Read")]
    Task<AuditPage> Read(int offset, int limit);
}

[GenerateSerializer, Immutable, Alias("dvk.AuditPage")]
public sealed record AuditPage([property: Id(0)] AuditEntry[] Entries, [property: Id(1)] int Total);
