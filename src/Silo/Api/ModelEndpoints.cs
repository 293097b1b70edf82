using System.Security.Claims;
using System.Security.Cryptography;
using DanVanKheo.Import;
using DanVanKheo.Import.Csv;
using DanVanKheo.Silo.Audit;
using DanVanKheo.Silo.Security;

namespace DanVanKheo.Silo.Api;

/// <summary><c>/api/models</c> and the model lists of a unit.</summary>
public static class ModelEndpoints
{
    public static void MapModelEndpoints(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("").WithTags("models").RequireAuthorization(ApiPolicies.Read);
        read.MapGet("/models/{id}", GetAsync).WithSummary("One model");
        read.MapGet("/units/{code}/models", ListAsync).WithSummary("Models the unit owns (paged; filter by field, year, status)");
        read.MapGet("/units/{code}/models.csv", ExportAsync).WithSummary("Models the unit owns as CSV (the import format)");

        var write = api.MapGroup("/models").WithTags("models").RequireAuthorization();
        write.MapPost("", RegisterAsync).WithSummary("Register a model (id generated when absent)");
        write.MapPut("/{id}", UpsertAsync).WithSummary("Create or replace a model (the import's upsert)");
        write.MapPatch("/{id}", UpdateAsync).WithSummary("Change descriptive fields");
        write.MapPost("/{id}/evaluate", (string id, EvaluateBody body, ModelWrites w) =>
            w.ChangeAsync(id, "model.evaluate", m => m.Evaluate(
                body.Year ?? throw new DvkException("bad-year", "year is required"),
                body.Effective ?? throw new DvkException("bad-effective", "effective (true/false) is required"))))
            .WithSummary("Record a yearly evaluation");
        write.MapPost("/{id}/commend", (string id, CommendBody body, ModelWrites w) =>
            w.ChangeAsync(id, "model.commend", m => m.Commend(ModelParsing.ParseCommendation(body.Level))))
            .WithSummary("Record a commendation at a level");
        write.MapPost("/{id}/exemplar", (string id, ModelWrites w) => w.ChangeAsync(id, "model.exemplar", m => m.SetExemplar(true)))
            .WithSummary("Recognise as an exemplar");
        write.MapPost("/{id}/discontinue", (string id, ModelWrites w) => w.ChangeAsync(id, "model.discontinue", m => m.Discontinue()))
            .WithSummary("Discontinue (stays in history)");
        write.MapPost("/{id}/reactivate", (string id, ModelWrites w) => w.ChangeAsync(id, "model.reactivate", m => m.Reactivate()))
            .WithSummary("Undo discontinue");
        write.MapPost("/import", ImportAsync).WithSummary("Import models from CSV (same format as `dvk models import`)")
            .Accepts<string>("text/csv");
    }

    private static async Task<ModelView> GetAsync(string id, IGrainFactory grains)
    {
        id = Rules.NormalizeModelId(id);
        return ModelView.Of(await grains.GetGrain<IModelGrain>(id).Get() ?? throw DvkException.NotFound("model", id));
    }

    private static async Task<Page<ModelView>> ListAsync(
        string code, int? offset, int? limit, string? field, int? year, string? status, UnitReader units, IGrainFactory grains)
    {
        var (o, l) = Paging.Check(offset, limit);
        Field? f = field is null ? null : ModelParsing.ParseField(field);
        ModelStatus? s = status is null ? null : ModelParsing.ParseStatus(status);
        if (year is { } y)
        {
            Rules.RequireYear(y);
        }

        var models = await ReadModelsAsync(code, units, grains);
        var matching = models
            .Where(m => (f is null || m.Field == f) && (year is null || m.Year == year) && (s is null || m.Status == s))
            .Select(ModelView.Of)
            .ToList();
        return Paging.Of(matching, o, l);
    }

    private static async Task<IResult> ExportAsync(string code, UnitReader units, IGrainFactory grains)
    {
        var models = await ReadModelsAsync(code, units, grains);
        var writer = new StringWriter();
        ModelCsv.Write(writer, models);
        return TypedResults.Text(writer.ToString(), "text/csv; charset=utf-8");
    }

    private static async Task<List<ModelRecord>> ReadModelsAsync(string code, UnitReader units, IGrainFactory grains)
    {
        var info = await units.RequireAsync(code);
        var ids = (await grains.GetGrain<IUnitGrain>(info.Code).GetModelEntries()).Select(m => m.Id).ToArray();
        var records = new ModelRecord?[ids.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, _) =>
            records[i] = await grains.GetGrain<IModelGrain>(ids[i]).Get());
        return [.. records.OfType<ModelRecord>().OrderByDescending(m => m.Year).ThenBy(m => m.Id, StringComparer.Ordinal)];
    }

    private static async Task<IResult> RegisterAsync(ModelBody body, ModelWrites writes)
    {
        var id = string.IsNullOrWhiteSpace(body.Id) ? "m-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)) : body.Id;
        var view = await writes.RegisterAsync(ModelParsing.ToInput(body, id));
        return TypedResults.Created($"/api/models/{view.Id}", view);
    }

    private static Task<ModelView> UpsertAsync(string id, ModelBody body, ModelWrites writes) =>
        writes.UpsertAsync(ModelParsing.ToInput(body, id));

    private static Task<ModelView> UpdateAsync(string id, ModelPatch patch, ModelWrites writes) =>
        writes.UpdateAsync(id, ModelParsing.ToChanges(patch));

    private static async Task<IResult> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, UnitReader units, CsvBody csv, AuditTrail audit)
    {
        var scope = ScopeGuard.RequireEditor(user);
        var rows = await csv.ReadAsync(request, ModelCsv.Read);
        var valid = rows.Where(r => r.Value is not null).ToList();
        var befores = new Dictionary<string, ModelRecord?>(StringComparer.Ordinal);
        var within = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var id in valid.Select(r => r.Value!.Id).Distinct())
        {
            befores[id] = await grains.GetGrain<IModelGrain>(id).Get();
        }

        foreach (var code in valid.Select(r => r.Value!.Unit).Concat(befores.Values.OfType<ModelRecord>().Select(m => m.Unit)).Distinct())
        {
            within[code] = await units.IsWithinAsync(code, scope);
        }

        var import = new ScopedImport<ModelInput>(rows, scope);
        await import.ScreenAsync(m => Task.FromResult(
            !within[m.Unit] || befores[m.Id] is { } old && !within[old.Unit] ? $"model '{m.Id}' of unit '{m.Unit}'" : null));
        var report = await ModelImporter.ImportAsync(grains, import.Allowed, cancellationToken: request.HttpContext.RequestAborted);
        var entries = new List<AuditEntry>();
        foreach (var input in import.Stored(report))
        {
            var before = befores[input.Id];
            var after = await grains.GetGrain<IModelGrain>(input.Id).Get();
            if (after is not null && (before is null || !before.SameFacts(after)))
            {
                entries.Add(audit.Entry(user, "model.import", after.Unit, after.Id, before is null ? null : ModelView.Of(before), ModelView.Of(after)));
            }
        }

        await audit.RecordManyAsync(entries);
        return import.Result(report);
    }
}
