using System.Net;
using System.Net.Http.Json;

namespace DanVanKheo.Api.Tests;

/// <summary>
/// A small tree of units under codes no other test uses: province P with district D and communes C1, C2,
/// and a second province Q with district QD and commune QC (outside P's scope).
/// </summary>
public sealed record TestUnits(string P, string D, string C1, string C2, string Q, string QD, string QC)
{
    private static int _counter;

    public static async Task<TestUnits> CreateAsync(ApiHost host)
    {
        var n = Interlocked.Increment(ref _counter);
        var tag = "t" + Guid.NewGuid().ToString("N")[..6] + n;
        var units = new TestUnits(tag + "p", tag + "d", tag + "c1", tag + "c2", tag + "q", tag + "qd", tag + "qc");
        using var admin = host.Admin();
        await PutAsync(admin, units.P, $"Tỉnh Thử {n}", "province", null);
        await PutAsync(admin, units.D, $"Huyện Thử {n}", "district", units.P);
        await PutAsync(admin, units.C1, $"Xã Thái Hoà {n}", "commune", units.D);
        await PutAsync(admin, units.C2, $"Xã Đông Sơn {n}", "commune", units.D);
        await PutAsync(admin, units.Q, $"Tỉnh Khác {n}", "province", null);
        await PutAsync(admin, units.QD, $"Huyện Khác {n}", "district", units.Q);
        await PutAsync(admin, units.QC, $"Xã Khác {n}", "commune", units.QD);
        return units;
    }

    public static async Task PutAsync(HttpClient client, string code, string name, string level, string? parent)
    {
        var response = await client.PutAsJsonAsync($"api/units/{code}", new { name, level, type = "", parent });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static object Model(string unit, string title = "Mô hình thử", string field = "economy", int year = 2024, string? id = null) =>
        new { id, unit, title, field, kind = "collective", sponsor = "Hội Nông dân", year, levels = new[] { "commune" } };
}
