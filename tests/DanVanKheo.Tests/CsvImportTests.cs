namespace DanVanKheo.Tests;

/// <summary>A CSV with quotes, commas, line breaks, Vietnamese diacritics and bad rows, through <c>dvk models import</c>.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CsvImportTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Good_rows_go_in_bad_rows_are_reported_with_their_line_and_reason()
    {
        var tree = new TestTree(fixture.Client);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "models-mixed.csv"))
            .Replace("{C}", tree.Code("C"), StringComparison.Ordinal)
            .Replace("{nowhere}", tree.Code("nowhere"), StringComparison.Ordinal)
            .Replace("CSV-", tree.Code("csv-"), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), tree.Prefix + ".csv");
        await File.WriteAllTextAsync(path, text);
        var cli = new CliRunner(fixture.Client);

        var (exit, output) = await cli.RunAsync("models", "import", path);

        Assert.True(exit == 1, output);
        Assert.Contains("line 5: field 'fishing'", output);
        Assert.Contains("line 6: expected 11 columns, found 4", output);
        Assert.Contains($"line 7: unit '{tree.Code("nowhere")}' does not exist", output);
        Assert.Contains("line 8: status 'paused'", output);
        Assert.Contains("line 9: model id", output);
        Assert.Contains("first at line 2", output);
        Assert.Contains("line 11: year '20x0'", output);
        Assert.True(output.Contains("stored 3", StringComparison.Ordinal), output);

        var first = await fixture.Client.GetGrain<IModelGrain>(tree.Code("csv-1")).Get();
        Assert.Equal("Mô hình \"Dân vận khéo\", nuôi ong, chăn dê", first!.Title);
        Assert.Equal("Hội Nông dân, xã", first.Sponsor);
        Assert.Equal(RegistrationLevels.Commune | RegistrationLevels.District, first.Levels);
        Assert.True(first.LatestEvaluation!.Value.Effective);
        var second = await fixture.Client.GetGrain<IModelGrain>(tree.Code("csv-2")).Get();
        Assert.Equal("Tuyến phố văn minh,\ncó hai dòng", second!.Title);
        Assert.Equal(Field.CultureSociety, second.Field);
        Assert.Equal(Commendations.Province | Commendations.National, second.Commendations);
        var seventh = await fixture.Client.GetGrain<IModelGrain>(tree.Code("csv-7")).Get();
        Assert.Equal(Field.DefenseSecurity, seventh!.Field);
        Assert.Equal(ModelStatus.Discontinued, seventh.Status);
        Assert.Null(await fixture.Client.GetGrain<IModelGrain>(tree.Code("csv-3")).Get());

        // Every counter is awaited, not only the total: the rows' reports reach the province one by one.
        var tally = await Eventually.Get(
            () => cli.TallyAsync(tree.Code("P")),
            t => t.GetProperty("total").GetInt32() == 2
                && t.GetProperty("discontinued").GetInt32() == 1
                && t.GetProperty("commended").GetProperty("national").GetInt32() == 1);
        Assert.Equal(2, tally.GetProperty("total").GetInt32());
        Assert.Equal(1, tally.GetProperty("discontinued").GetInt32());
        Assert.Equal(1, tally.GetProperty("commended").GetProperty("national").GetInt32());

        // The same file again: the same rows refused, nothing counted twice.
        var (again, _) = await cli.RunAsync("models", "import", path);
        Assert.Equal(1, again);
        Assert.Equal(2, (await cli.TallyAsync(tree.Code("P"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_units_file_without_the_header_is_refused_with_a_message()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "ma,ten\n01,Hà Nội\n");
        var (exit, output) = await new CliRunner(fixture.Client).RunAsync("units", "import", path);
        Assert.Equal(2, exit);
        Assert.Contains("header lacks column(s) code, name, level, type, parent_code", output);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused_with_the_line_and_nothing_goes_in()
    {
        var tree = new TestTree(fixture.Client);
        await tree.Unit("P", Level.Province, null);

        // "Xã Thái Hoà" as Windows-1258 writes it: ã is the single byte 0xE3, which is not UTF-8.
        var path = Path.GetTempFileName();
        byte[] windows1258 = [.. "code,name,level,type,parent_code\n"u8, .. System.Text.Encoding.ASCII.GetBytes($"{tree.Code("C")},X"), 0xE3,
            .. System.Text.Encoding.ASCII.GetBytes($" Thai Hoa,commune,X,{tree.Code("P")}\n")];
        await File.WriteAllBytesAsync(path, windows1258);
        var (exit, output) = await new CliRunner(fixture.Client).RunAsync("units", "import", path);

        Assert.Equal(2, exit);
        Assert.Contains("line 2: the file is not UTF-8", output);
        Assert.False((await fixture.Client.GetGrain<IUnitGrain>(tree.Code("C")).GetStatus()).Exists);
    }
}
