namespace DanVanKheo.Import.Csv;

/// <summary>One data row of a CSV file: its first physical line, and either a value or why it was refused.</summary>
public sealed record CsvRow<T>(int Line, T? Value, string? Error)
    where T : class;
