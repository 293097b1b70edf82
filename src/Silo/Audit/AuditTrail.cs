using System.Security.Claims;
using System.Text.Json;
using DanVanKheo.Silo.Security;

namespace DanVanKheo.Silo.Audit;

/// <summary>Records a write in the audit log of each unit it touched (a moved model: old and new unit).</summary>
public sealed class AuditTrail(IAuditStore store, TimeProvider time)
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task RecordAsync(ClaimsPrincipal user, string action, string unit, string? model, object? before, object? after, string? otherUnit = null)
    {
        var entry = Entry(user, action, unit, model, before, after);
        await store.AppendAsync(otherUnit is not null && otherUnit != unit ? [entry, entry with { Unit = otherUnit }] : [entry]);
    }

    /// <summary>Many entries (an import) in one append.</summary>
    public Task RecordManyAsync(IEnumerable<AuditEntry> entries) => store.AppendAsync([.. entries]);

    public AuditEntry Entry(ClaimsPrincipal user, string action, string unit, string? model, object? before, object? after) => new(
        time.GetUtcNow(),
        ScopeGuard.Name(user),
        action,
        unit,
        model,
        before is null ? null : JsonSerializer.Serialize(before, _json),
        after is null ? null : JsonSerializer.Serialize(after, _json));
}
