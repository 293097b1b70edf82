using System.Text.Json;
using DanVanKheo.Client.Commands;
using DanVanKheo.Client.Load;
using DanVanKheo.Client.Output;

namespace DanVanKheo.Tests;

/// <summary>
/// The load test's runner against a real cluster: a small country is loaded, updated and verified, and the report
/// carries the CPU each update cost the silo and the client, the figures an operator sizes a cluster by, and the machine's
/// speed measured before the run.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LoadRunnerTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_small_load_test_is_verified_and_reports_the_cpu_each_update_cost_silo_and_client()
    {
        var tree = new TestTree(fixture.Client);
        UnitDefinition Unit(string local, Level level, string? parent) =>
            new(tree.Code(local), $"Đơn vị {local}", level, "Thử", parent is null ? null : tree.Code(parent));
        var country = SimulatedCountry.Build(
            [Unit("P", Level.Province, null), Unit("D", Level.District, "P"), Unit("C1", Level.Commune, "D"), Unit("C2", Level.Commune, "D")],
            provinceCount: null,
            hamletsPerCommune: 2);

        // The cluster runs in this process, so this process is the silo as far as /proc is concerned.
        var options = new LoadOptions(
            UnitsFile: "",
            Provinces: null,
            HamletsPerCommune: 2,
            Models: 200,
            Rate: 400,
            Duration: TimeSpan.FromSeconds(2),
            Concurrency: 16,
            ProbesPerSecond: 10,
            SiloPid: Environment.ProcessId,
            SettleTimeout: TimeSpan.FromSeconds(60),
            GaugeSeconds: 1,
            GaugeWarmupSeconds: 0.5);

        var report = await new LoadRunner(fixture.Client, country, options, new SilentProgress()).RunAsync(CancellationToken.None);

        Assert.True(report.Verified, string.Join("\n", report.MismatchSamples));
        Assert.True(report.Updates > 0);
        Assert.True(report.Silo.CpuMicrosecondsPerUpdate > 0, $"silo CPU per update {report.Silo.CpuMicrosecondsPerUpdate}");
        Assert.True(report.Client.CpuMicrosecondsPerUpdate > 0, $"client CPU per update {report.Client.CpuMicrosecondsPerUpdate}");
        Assert.True(report.Client.ProcessCpuPercent > 0);

        // Both sides share this process here, so each figure is its CPU time over the same updates.
        var cpuSeconds = report.Silo.ProcessCpuPercent!.Value / 100 * report.DurationSeconds;
        Assert.InRange(report.Silo.CpuMicrosecondsPerUpdate!.Value, cpuSeconds * 1e6 / report.Updates * 0.5, cpuSeconds * 1e6 / report.Updates * 2);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, Json.Options));
        Assert.True(json.RootElement.GetProperty("silo").GetProperty("cpuMicrosecondsPerUpdate").GetDouble() > 0);
        Assert.True(json.RootElement.GetProperty("client").GetProperty("cpuMicrosecondsPerUpdate").GetDouble() > 0);
        Assert.Contains("cập nhật/giây mỗi lõi / updates/s per silo core", LoadReportTable.PerUpdate(report));

        // The machine's speed, measured before the run, travels with the report.
        var gauge = report.MachineGauge ?? throw new InvalidOperationException("no machine gauge in the report");
        Assert.True(gauge.NoOpCallsPerSecond > 0, $"gauge {gauge.NoOpCallsPerSecond} calls/s");
        Assert.True(gauge.SiloCpuMicrosecondsPerCall > 0, $"silo CPU per gauge call {gauge.SiloCpuMicrosecondsPerCall}");
        Assert.InRange(gauge.Seconds, 0.9, 5);
        Assert.InRange(gauge.MemoryLatencyNanoseconds, 0.1, 10_000);
        var gaugeJson = json.RootElement.GetProperty("machineGauge");
        Assert.Equal(gauge.NoOpCallsPerSecond, gaugeJson.GetProperty("noOpCallsPerSecond").GetDouble());
        Assert.Equal(MachineGauge.GaugePopulation, gaugeJson.GetProperty("population").GetInt32());
        Assert.Contains("lời gọi/giây / calls/s", LoadReportTable.Gauge(gauge));
    }

    private sealed class SilentProgress : ILoadProgress
    {
        public void Phase(string name, long total)
        {
        }

        public void Advance(int done)
        {
        }

        public void Status(string text)
        {
        }

        public void Done()
        {
        }
    }
}
