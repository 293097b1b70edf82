namespace DanVanKheo.Silo.Hosting;

/// <summary>
/// Where the silo finds <c>appsettings.json</c> and the dashboard's files. ASP.NET Core looks in the working directory,
/// which is right for <c>dotnet run --project src/Silo</c> (it runs in the project directory) and for tests, but not for
/// <c>dotnet src/Silo/bin/Release/net10.0/DanVanKheo.Silo.dll</c> started elsewhere, as the README's multi-silo and
/// load-test commands do: that silo ran without its log filters (Orleans' placement then logged two lines per new
/// activation, a third of the silo's CPU in the load test) and served no dashboard. Such a start uses the program's
/// own directory, where the build copies both.
/// </summary>
internal static class SiloContentRoot
{
    private const string Settings = "appsettings.json";

    /// <summary>Null keeps ASP.NET Core's default (the working directory).</summary>
    public static string? Choose() =>
        !File.Exists(Path.Combine(Directory.GetCurrentDirectory(), Settings)) && File.Exists(Path.Combine(AppContext.BaseDirectory, Settings))
            ? AppContext.BaseDirectory
            : null;
}
