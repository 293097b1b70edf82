using System.Text.Json;

namespace DanVanKheo.Tests;

/// <summary>The two published reports of DOMAIN.md, reproduced from CSV through <c>dvk</c>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PublishedReportTests(ClusterFixture fixture)
{
    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    [Fact]
    public async Task Thai_Hoa_2020_and_Dien_Ban_ten_years_show_the_published_figures_at_district_province_and_VN()
    {
        var cli = new CliRunner(fixture.Client);
        var (unitsExit, unitsOutput) = await cli.RunAsync("units", "import", Data("vn-admin-units-2025-03.csv"));
        Assert.True(unitsExit == 0, unitsOutput);
        Assert.Contains("10.806", unitsOutput);
        var nationalBefore = (await cli.TallyAsync("VN")).GetProperty("total").GetInt32();

        foreach (var file in new[] { "thai-hoa-2020.csv", "dien-ban-2010-2019.csv" })
        {
            var (exit, output) = await cli.RunAsync("models", "import", Data(Path.Combine("reports", file)));
            Assert.True(exit == 0, output);
        }

        // Thị xã Thái Hoà, Nghệ An: 89 models — 17 economy, 52 culture–society, 10 defence–security, 10
        // political system; 1 collective and 1 individual commended by the province, the individual also nationally.
        var thaiHoa = await Eventually.Get(() => cli.TallyAsync("414"), t => t.GetProperty("total").GetInt32() == 89);
        AssertFields(thaiHoa, 89, 17, 52, 10, 10);
        Assert.Equal(2, thaiHoa.GetProperty("exemplars").GetInt32());
        Assert.Equal(1, thaiHoa.GetProperty("exemplarsByKind").GetProperty("collective").GetInt32());
        Assert.Equal(1, thaiHoa.GetProperty("exemplarsByKind").GetProperty("individual").GetInt32());
        Assert.Equal(2, thaiHoa.GetProperty("commended").GetProperty("province").GetInt32());
        Assert.Equal(1, thaiHoa.GetProperty("commended").GetProperty("national").GetInt32());
        Assert.Equal(1, thaiHoa.GetProperty("commendedByKind").GetProperty("national").GetProperty("individual").GetInt32());
        Assert.Equal("Thị xã Thái Hoà", thaiHoa.GetProperty("name").GetString());
        AssertFields(await cli.TallyAsync("414", "--from", "2016", "--to", "2020"), 89, 17, 52, 10, 10);

        // Thị xã Điện Bàn, Quảng Nam: 348 models over ten years — 149, 167, 23, 9; the town's Party
        // standing committee commended 4 collectives and 2 individuals.
        var dienBan = await Eventually.Get(() => cli.TallyAsync("507"), t => t.GetProperty("total").GetInt32() == 348);
        AssertFields(dienBan, 348, 149, 167, 23, 9);
        Assert.Equal(4, dienBan.GetProperty("commendedByKind").GetProperty("district").GetProperty("collective").GetInt32());
        Assert.Equal(2, dienBan.GetProperty("commendedByKind").GetProperty("district").GetProperty("individual").GetInt32());

        var nghean = await Eventually.Get(() => cli.TallyAsync("40"), t => t.GetProperty("total").GetInt32() >= 89);
        var quangNam = await Eventually.Get(() => cli.TallyAsync("49"), t => t.GetProperty("total").GetInt32() >= 348);
        Assert.Equal(89, nghean.GetProperty("total").GetInt32());
        Assert.Equal(348, quangNam.GetProperty("total").GetInt32());
        var national = await Eventually.Get(() => cli.TallyAsync("VN"), t => t.GetProperty("total").GetInt32() >= nationalBefore + 89 + 348);
        Assert.True(national.GetProperty("total").GetInt32() >= nationalBefore + 89 + 348);

        // Importing the same files again changes nothing.
        var (again, againOutput) = await cli.RunAsync("models", "import", Data(Path.Combine("reports", "thai-hoa-2020.csv")));
        Assert.True(again == 0, againOutput);
        var (unitsAgain, _) = await cli.RunAsync("units", "import", Data("vn-admin-units-2025-03.csv"));
        Assert.Equal(0, unitsAgain);
        AssertFields(await cli.TallyAsync("414"), 89, 17, 52, 10, 10);
        Assert.Equal(89, (await cli.TallyAsync("40")).GetProperty("total").GetInt32());
    }

    private static void AssertFields(JsonElement tally, int total, int economy, int culture, int defense, int political)
    {
        Assert.Equal(total, tally.GetProperty("total").GetInt32());
        var byField = tally.GetProperty("byField");
        Assert.Equal(economy, byField.GetProperty("economy").GetInt32());
        Assert.Equal(culture, byField.GetProperty("culture_society").GetInt32());
        Assert.Equal(defense, byField.GetProperty("defense_security").GetInt32());
        Assert.Equal(political, byField.GetProperty("political_system").GetInt32());
    }
}
