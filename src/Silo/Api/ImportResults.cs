using DanVanKheo.Import;

namespace DanVanKheo.Silo.Api;

public sealed record ImportResult(int Rows, int Stored, RejectedRow[] Rejected, double Seconds);

public sealed record RejectedRow(int Line, string Error);

public static class ImportResults
{
    /// <summary>200 when every row was stored; otherwise 422 problem details that list each refused line.</summary>
    public static IResult Of(ImportReport report)
    {
        var result = new ImportResult(report.Rows, report.Stored, [.. report.Rejected.Select(r => new RejectedRow(r.Line, r.Error))], report.Elapsed.TotalSeconds);
        if (report.AllStored)
        {
            return TypedResults.Ok(result);
        }

        return TypedResults.Problem(
            detail: $"{result.Rejected.Length} of {result.Rows} rows were refused (first: line {result.Rejected[0].Line}: {result.Rejected[0].Error}); the other rows were stored",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "rows-rejected",
            type: ApiExceptionHandler.TypeBase + "rows-rejected",
            extensions: new Dictionary<string, object?>
            {
                ["problem"] = "rows-rejected",
                ["rows"] = result.Rows,
                ["stored"] = result.Stored,
                ["rejected"] = result.Rejected,
            });
    }
}
