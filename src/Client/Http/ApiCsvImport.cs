using DanVanKheo.Import;
using DanVanKheo.Import.Csv;

namespace DanVanKheo.Client.Http;

/// <summary>
/// <c>dvk --api … models import</c>, <c>units import</c> and <c>units import-merges</c>: the file goes to the API's CSV
/// endpoint a part at a time, each part the file's own header and lines, instead of one request per row (which the API's
/// rate limit stops after 1,200 rows). Refusals come back with their line in the file.
/// </summary>
public static class ApiCsvImport
{
    /// <summary>Rows per request for models and units: well under the server's 20,000 rows and 8 MB per request.</summary>
    public const int RowsPerRequest = 2_000;

    /// <summary>Merges per request: each moves a whole subtree, so a part must finish well inside the client's timeout.</summary>
    public const int MergesPerRequest = 100;

    public delegate Task<ImportReport> PartImporter<T>(
        IReadOnlyList<CsvRow<T>> rows,
        Func<IReadOnlyList<CsvRow<T>>, CancellationToken, Task<ImportPartResult>> sendPart,
        int rowsPerPart,
        Action<int>? progress,
        CancellationToken cancellationToken)
        where T : class;

    public static Task<ImportReport> ModelsAsync(ApiClient api, string text, IReadOnlyList<CsvRow<ModelInput>> rows, Action<int>? progress, CancellationToken ct, int rowsPerRequest = RowsPerRequest) =>
        SendAsync(api, "api/models/import", text, rows, ModelImporter.ImportInPartsAsync, rowsPerRequest, progress, ct);

    public static Task<ImportReport> UnitsAsync(ApiClient api, string text, IReadOnlyList<CsvRow<UnitDefinition>> rows, Action<int>? progress, CancellationToken ct, int rowsPerRequest = RowsPerRequest) =>
        SendAsync(api, "api/units/import", text, rows, UnitImporter.ImportInPartsAsync, rowsPerRequest, progress, ct);

    public static Task<ImportReport> MergesAsync(ApiClient api, string text, IReadOnlyList<CsvRow<UnitMerge>> rows, Action<int>? progress, CancellationToken ct, int rowsPerRequest = MergesPerRequest) =>
        SendAsync(api, "api/units/merges", text, rows, MergeImporter.ImportInPartsAsync, rowsPerRequest, progress, ct);

    private static Task<ImportReport> SendAsync<T>(
        ApiClient api, string path, string text, IReadOnlyList<CsvRow<T>> rows, PartImporter<T> importInParts, int rowsPerRequest, Action<int>? progress, CancellationToken ct)
        where T : class
    {
        var lines = new CsvLines(text, rows.Select(r => r.Line));
        return importInParts(rows, (part, token) => api.ImportCsvAsync(path, lines.Part(part.Select(r => r.Line)), token), rowsPerRequest, progress, ct);
    }
}
