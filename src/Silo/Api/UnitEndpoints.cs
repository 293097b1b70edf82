using System.Security.Claims;
using DanVanKheo.Import;
using DanVanKheo.Import.Csv;
using DanVanKheo.Silo.Audit;
using DanVanKheo.Silo.Security;

namespace DanVanKheo.Silo.Api;

/// <summary><c>/api/units</c>: read a unit, its children and tally; define, merge and import units.</summary>
public static class UnitEndpoints
{
    public static void MapUnitEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/units").WithTags("units").RequireAuthorization(ApiPolicies.Read);
        read.MapGet("/search", SearchAsync).WithSummary("Find units by name (diacritics optional) or code");
        read.MapGet("/{code}", GetAsync).WithSummary("A unit with its breadcrumb path and live tally");
        read.MapGet("/{code}/children", ChildrenAsync).WithSummary("The unit's children with their totals (paged)");
        read.MapGet("/{code}/tally", TallyAsync).WithSummary("The unit's tally, same JSON as `dvk tally --json`");

        var write = api.MapGroup("/units").WithTags("units").RequireAuthorization();
        write.MapPut("/{code}", DefineAsync).WithSummary("Create or update (rename, move) a unit");
        write.MapPost("/{code}/merge", MergeAsync).WithSummary("Merge the unit into another of the same level: its children and models move there");
        write.MapPost("/import", ImportAsync).WithSummary("Import units from CSV (code,name,level,type,parent_code)")
            .Accepts<string>("text/csv");
        write.MapPost("/merges", ImportMergesAsync).WithSummary("Apply a CSV list of merges (code,into) one at a time in file order; refused rows are listed by line")
            .Accepts<string>("text/csv");
    }

    private static async Task<SearchHit[]> SearchAsync(string? q, int? limit, UnitIndex index)
    {
        var (_, l) = Paging.Check(0, limit ?? 20);
        if ((q ?? "").Length > Rules.MaxNameLength)
        {
            throw new DvkException("oversize-query", $"q has more than {Rules.MaxNameLength} characters");
        }

        return await index.SearchAsync(q ?? "", l);
    }

    private static async Task<UnitView> GetAsync(string code, UnitReader units) =>
        await units.ViewAsync(await units.RequireAsync(code));

    private static async Task<Page<ChildView>> ChildrenAsync(string code, int? offset, int? limit, UnitReader units, IGrainFactory grains)
    {
        var (o, l) = Paging.Check(offset, limit);
        var info = await units.RequireAsync(code);
        var children = await grains.GetGrain<IUnitGrain>(info.Code).GetChildren();
        return Paging.Of([.. children.Select(TallyViews.Child)], o, l);
    }

    private static async Task<TallyDocument> TallyAsync(string code, int? from, int? to, UnitReader units)
    {
        if (from is { } f)
        {
            Rules.RequireYear(f, "from");
        }

        if (to is { } t)
        {
            Rules.RequireYear(t, "to");
        }

        if (from > to)
        {
            throw new DvkException("bad-period", $"from {from} is after to {to}");
        }

        return TallyDocument.Of(await units.RequireAsync(code), from, to);
    }

    private static async Task<IResult> DefineAsync(
        string code, UnitBody body, ClaimsPrincipal user, IGrainFactory grains, UnitReader units, ScopeGuard guard, AuditTrail audit, UnitIndex index)
    {
        code = Rules.NormalizeUnitCode(code);
        if (!Codes.TryParseLevel(body.Level, out var level))
        {
            throw new DvkException("bad-level", $"level '{body.Level}' is not province, district, commune or hamlet");
        }

        var definition = Rules.Validate(new UnitDefinition(code, body.Name ?? "", level, body.Type ?? "", body.Parent));
        var unit = grains.GetGrain<IUnitGrain>(code);
        var before = await unit.GetInfo();
        if (before is not null)
        {
            await guard.EnsureCanWriteAsync(user, code);
        }

        await guard.EnsureCanWriteAsync(user, definition.ParentCode ?? Rules.NationalCode);
        var after = await unit.Define(definition);
        index.Invalidate();
        await audit.RecordAsync(user, before is null ? "unit.create" : "unit.update", code, null, before?.Definition, after.Definition, before?.Definition.ParentCode);
        var view = await units.ViewAsync(after);
        return before is null ? TypedResults.Created($"/api/units/{code}", view) : TypedResults.Ok(view);
    }

    private static async Task<UnitView> MergeAsync(
        string code, MergeBody body, ClaimsPrincipal user, IGrainFactory grains, UnitReader units, ScopeGuard guard, AuditTrail audit, UnitIndex index)
    {
        var before = await units.RequireAsync(code);
        var into = Rules.NormalizeUnitCode(body.Into ?? throw new DvkException("bad-merge", "the body must name the unit to merge into: {\"into\": \"code\"}"));

        // Both ends change: the retired unit's subtree leaves it and the survivor's grows.
        await guard.EnsureCanWriteAsync(user, before.Code);
        await units.RequireAsync(into);
        await guard.EnsureCanWriteAsync(user, into);
        var after = await grains.GetGrain<IUnitGrain>(before.Code).MergeInto(into);
        index.Invalidate();
        await audit.RecordAsync(user, "unit.merge", before.Code, null, before.Definition, after.Definition, into);
        return await units.ViewAsync(after);
    }

    private static async Task<IResult> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, UnitReader units, ScopeGuard guard, CsvBody csv, AuditTrail audit, UnitIndex index)
    {
        var scope = ScopeGuard.RequireEditor(user);
        var rows = await csv.ReadAsync(request, UnitCsv.Read);
        var inFile = rows.Where(r => r.Value is not null).GroupBy(r => r.Value!.Code).ToDictionary(g => g.Key, g => g.First().Value!.ParentCode ?? Rules.NationalCode);
        var checks = new ScopeChecks(grains, units, scope);
        async Task<bool> WithinAsync(string code, int depth) =>
            code == scope || scope == Rules.NationalCode
            || (await checks.ExistingWithinAsync(code) is { } within
                ? within
                : depth < 8 && inFile.TryGetValue(code, out var parent) && await WithinAsync(parent, depth + 1));

        var import = new ScopedImport<UnitDefinition>(rows, scope);
        await import.ScreenAsync(async d =>
            await WithinAsync(d.ParentCode ?? Rules.NationalCode, 0) && await WithinAsync(d.Code, 0) ? null : $"unit '{d.Code}'");
        var report = await UnitImporter.ImportAsync(grains, import.Allowed, cancellationToken: request.HttpContext.RequestAborted);
        index.Invalidate();
        await audit.RecordManyAsync(import.Stored(report).Select(d => audit.Entry(user, "unit.import", d.Code, null, null, d)));
        return import.Result(report);
    }

    private static async Task<IResult> ImportMergesAsync(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, UnitReader units, CsvBody csv, AuditTrail audit, UnitIndex index)
    {
        var scope = ScopeGuard.RequireEditor(user);
        var rows = await csv.ReadAsync(request, MergeCsv.Read);

        // A unit that does not exist is left to the merge, which names it; only existing units outside the scope are refused here.
        var checks = new ScopeChecks(grains, units, scope);
        async Task<string?> OutsideAsync(params string[] codes)
        {
            foreach (var code in codes)
            {
                if (await checks.ExistingWithinAsync(code) == false)
                {
                    return code;
                }
            }

            return null;
        }

        var import = new ScopedImport<UnitMerge>(rows, scope);
        await import.ScreenAsync(async merge => await OutsideAsync(merge.Code, merge.Into) is { } outside ? $"unit '{outside}'" : null);
        var report = await MergeImporter.ImportAsync(grains, import.Allowed, cancellationToken: request.HttpContext.RequestAborted);
        index.Invalidate();

        // In the logs of both units, as a single merge records it.
        await audit.RecordManyAsync(import.Stored(report).SelectMany(merge =>
        {
            var entry = audit.Entry(user, "unit.merge", merge.Code, null, null, merge);
            return new[] { entry, entry with { Unit = merge.Into } };
        }));
        return import.Result(report);
    }
}
