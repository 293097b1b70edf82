using DanVanKheo.Silo.Audit;

namespace DanVanKheo.Silo.Api;

public static class AuditEndpoints
{
    /// <summary>Signed-in staff only: the log holds who changed what.</summary>
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/units/{code}/audit", async (string code, int? offset, int? limit, UnitReader units, IAuditStore audit) =>
            {
                var (o, l) = Paging.Check(offset, limit);
                var info = await units.RequireAsync(code);
                var page = await audit.ReadAsync(info.Code, o, l);
                return new Page<AuditEntry>(page.Entries, page.Total, o, l);
            })
            .WithTags("audit")
            .RequireAuthorization()
            .WithSummary("Who changed what in this unit, newest first (paged)");
}
