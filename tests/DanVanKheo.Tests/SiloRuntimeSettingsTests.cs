using System.Text.Json;

namespace DanVanKheo.Tests;

/// <summary>
/// The silo's garbage collector settings, as the build writes them for <c>dotnet DanVanKheo.Silo.dll</c>: Server GC in the
/// background, with its threads not pinned to cores (the load test's client and the database share them), and a young
/// generation of at most 16 MiB per heap (shorter pauses; docs/performance.md, twenty-third step).
/// </summary>
public sealed class SiloRuntimeSettingsTests
{
    [Fact]
    public void The_silo_runs_server_GC_in_the_background_without_pinning_its_threads_and_with_a_small_young_generation()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "DanVanKheo.Silo.runtimeconfig.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var settings = document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(settings.GetProperty("System.GC.Server").GetBoolean());
        Assert.True(settings.GetProperty("System.GC.Concurrent").GetBoolean());
        Assert.True(settings.GetProperty("System.GC.NoAffinitize").GetBoolean());
        Assert.Equal(16 * 1024 * 1024, settings.GetProperty("System.GC.Gen0MaxBudget").GetInt64());
    }
}
