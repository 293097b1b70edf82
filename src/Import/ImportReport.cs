namespace DanVanKheo.Import;

/// <summary>The outcome of an import: rows stored, and each refused row with its line and reason.</summary>
public sealed record ImportReport(int Rows, int Stored, IReadOnlyList<(int Line, string Error)> Rejected, TimeSpan Elapsed)
{
    public bool AllStored => Rejected.Count == 0;
}
