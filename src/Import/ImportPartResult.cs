namespace DanVanKheo.Import;

/// <summary>What a bulk endpoint did with one part of a file: rows stored, and each refusal with its line in the file.</summary>
public sealed record ImportPartResult(int Stored, IReadOnlyList<(int Line, string Error)> Rejected);
