namespace DanVanKheo;

/// <summary>
/// Bad input or an impossible change, refused before anything was stored. <see cref="Problem"/> is a
/// stable machine-readable code (e.g. <c>unknown-unit</c>), the message is for people.
/// </summary>
[GenerateSerializer, Alias("dvk.DvkException")]
public sealed class DvkException : Exception
{
    public DvkException(string problem, string message) : base(message) => Problem = problem;

    [Id(0)]
    public string Problem { get; private set; }

    public static DvkException NotFound(string what, string key) =>
        new("not-found", $"{what} '{key}' does not exist / không tồn tại");
}
