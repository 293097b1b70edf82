namespace DanVanKheo.Tests;

/// <summary><c>dvk</c> commands: output people read, and refusals with line numbers and exit codes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class CliTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Benchmark_import_warms_up_untimed_then_times_a_fresh_province_whose_tally_counts_every_model()
    {
        var cli = new CliRunner(fixture.Client);

        var (exit, output) = await cli.RunAsync("benchmark", "import", "--models", "300", "--warmup", "100", "--concurrency", "32");

        Assert.True(exit == 0, output);
        Assert.Contains("warm-up (untimed): 100 models", output);
        var timed = System.Text.RegularExpressions.Regex.Match(output, @"benchmark import: 300 models in [\d,.]+ s = (\d+) models/s \(concurrency 32, province (\S+)\)");
        Assert.True(timed.Success, output);
        Assert.True(int.Parse(timed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 0);
        var province = fixture.Client.GetGrain<IUnitGrain>(timed.Groups[2].Value);
        var summary = await Eventually.Get(async () => (await province.GetInfo())!.Tally.Summarize(), s => s.Total + s.Discontinued == 300);
        Assert.Equal(300, summary.Total + summary.Discontinued);
    }

    [Fact]
    public async Task A_units_file_with_bad_rows_stores_the_good_ones_and_names_each_bad_line()
    {
        var tree = new TestTree(fixture.Client);
        var path = Path.Combine(Path.GetTempPath(), tree.Prefix + "-units.csv");
        await File.WriteAllTextAsync(path, string.Join('\n',
            "code,name,level,type,parent_code",
            $"{tree.Code("H1")},Thôn Đông,hamlet,Thôn,{tree.Code("C")}",
            $"{tree.Code("P")},\"Tỉnh \"\"Thử\"\", mới\",province,Tỉnh,",
            $"{tree.Code("C")},Xã Hoà Bình,Cấp xã,Xã,{tree.Code("P")}",
            $"{tree.Code("X")},Xã Lạ,village,Xã,{tree.Code("P")}",
            $"{tree.Code("Y")},,commune,Xã,{tree.Code("P")}",
            $"{tree.Code("Z")},Xã Mồ Côi,commune,Xã,{tree.Code("nowhere")}",
            $"{tree.Code("C")},Xã Hoà Bình,district,Huyện,{tree.Code("P")}",
            ""));
        var cli = new CliRunner(fixture.Client);

        var (exit, output) = await cli.RunAsync("units", "import", path);

        Assert.True(exit == 1, output);
        Assert.Contains("line 5: level 'village'", output);
        Assert.Contains("line 6: name must not be empty", output);
        Assert.Contains($"line 7: parent unit '{tree.Code("nowhere")}' of '{tree.Code("Z")}' does not exist", output);
        Assert.Contains($"line 8: code '{tree.Code("C")}' appears again (first at line 4)", output);
        Assert.Contains("stored 3", output);
        var province = await fixture.Client.GetGrain<IUnitGrain>(tree.Code("P")).GetInfo();
        Assert.Equal("Tỉnh \"Thử\", mới", province!.Definition.Name);
        var hamlet = await fixture.Client.GetGrain<IUnitGrain>(tree.Code("H1")).GetInfo();
        Assert.Equal(tree.Code("C"), hamlet!.Definition.ParentCode);
        Assert.Equal(Level.Hamlet, hamlet.Definition.Level);
    }

    [Fact]
    public async Task A_merge_list_applies_its_merges_in_order_and_names_each_refused_line()
    {
        var tree = new TestTree(fixture.Client);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("D", Level.District, "P");
        foreach (var commune in new[] { "C1", "C2", "C3", "C4" })
        {
            await tree.Unit(commune, Level.Commune, "D");
            var model = TestTree.Model($"{tree.Prefix}-m-{commune}", tree.Code(commune));
            await fixture.Client.GetGrain<IModelGrain>(model.Id).Register(model);
        }

        var path = Path.Combine(Path.GetTempPath(), tree.Prefix + "-merges.csv");
        await File.WriteAllTextAsync(path, string.Join('\n',
            "code,into",
            $"{tree.Code("C1")},{tree.Code("C2")}",
            $"{tree.Code("C2")},{tree.Code("C3")}",
            $"{tree.Code("C1")},{tree.Code("C4")}",
            $"{tree.Code("nowhere")},{tree.Code("C3")}",
            $"{tree.Code("C4")},{tree.Code("C4")}",
            $"{tree.Code("D")},{tree.Code("C3")}",
            $"{tree.Code("C4")},",
            ""));
        var cli = new CliRunner(fixture.Client);

        var (exit, output) = await cli.RunAsync("units", "import-merges", path);

        Assert.True(exit == 1, output);
        Assert.Contains($"line 4: unit '{tree.Code("C1")}' is merged again (first at line 2)", output);
        Assert.Contains($"line 5: unit '{tree.Code("nowhere")}' does not exist", output);
        Assert.Contains($"line 6: unit '{tree.Code("C4")}' cannot be merged into itself", output);
        Assert.Contains($"line 7: unit '{tree.Code("D")}' can only merge into an active unit of the same level", output);
        Assert.Contains("line 8: unit code '' is not valid", output);
        Assert.Contains("stored 2", output);

        // C1 went into C2, then C2 (with C1's model) into C3: in file order.
        Assert.Equal(tree.Code("C2"), (await fixture.Client.GetGrain<IUnitGrain>(tree.Code("C1")).GetInfo())!.MergedInto);
        Assert.Equal(tree.Code("C3"), (await fixture.Client.GetGrain<IUnitGrain>(tree.Code("C2")).GetInfo())!.MergedInto);
        var children = await fixture.Client.GetGrain<IUnitGrain>(tree.Code("D")).GetChildren();
        Assert.Equal([tree.Code("C3"), tree.Code("C4")], children.Select(c => c.Code).Order());
        await Eventually.Get(() => tree.Summary(tree.Code("C3")), s => s.Total == 3);
        Assert.Equal(1, (await tree.Summary(tree.Code("C4"))).Total);
        Assert.Equal(4, (await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Total == 4)).Total);
    }

    [Fact]
    public async Task Tally_and_show_print_Vietnamese_tables_and_refuse_unknown_units()
    {
        var tree = new TestTree(fixture.Client);
        await tree.Unit("P", Level.Province, null, "Tỉnh Thử Nghiệm");
        await tree.Unit("C", Level.Commune, "P", "Xã Thái Hoà");
        for (var i = 0; i < 1200; i += 1)
        {
            if (i % 100 == 0)
            {
                var id = tree.Code($"m{i}");
                await fixture.Client.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code("C"), Field.CultureSociety, year: 2016 + i / 100 % 5));
            }
        }

        var cli = new CliRunner(fixture.Client);
        await Eventually.Get(() => cli.TallyAsync(tree.Code("P")), t => t.GetProperty("total").GetInt32() == 12);
        var (exit, table) = await cli.RunAsync("units", "show", tree.Code("P"));
        Assert.True(exit == 0, table);
        Assert.Contains("Tỉnh Thử Nghiệm", table);
        Assert.Contains("Văn hóa – xã hội", table);
        Assert.Contains("Xã Thái Hoà", table);
        var ranged = await cli.TallyAsync(tree.Code("P"), "--from", "2017", "--to", "2018");
        Assert.Equal(5, ranged.GetProperty("total").GetInt32());

        var (missingExit, missing) = await cli.RunAsync("tally", tree.Code("nowhere"));
        Assert.Equal(2, missingExit);
        Assert.Contains("does not exist", missing);
        var (rangeExit, range) = await cli.RunAsync("tally", tree.Code("P"), "--from", "2020", "--to", "2010");
        Assert.Equal(2, rangeExit);
        Assert.Contains("--from 2020 is after --to 2010", range);
    }

    [Fact]
    public async Task Model_commands_register_change_and_refuse_with_a_message()
    {
        var tree = new TestTree(fixture.Client);
        await tree.Unit("P", Level.Province, null);
        var cli = new CliRunner(fixture.Client);
        var id = tree.Code("m");
        var (exit, output) = await cli.RunAsync("models", "register", id, "--unit", tree.Code("P"), "--title", "Nuôi ong, \"lấy mật\"",
            "--field", "phat trien kinh te", "--kind", "individual", "--year", "2024", "--levels", "commune;province");
        Assert.True(exit == 0, output);
        Assert.Equal(0, (await cli.RunAsync("models", "evaluate", id, "--year", "2025", "--effective", "true")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("models", "commend", id, "national")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("models", "update", id, "--title", "Nuôi ong lấy mật")).ExitCode);
        var record = await fixture.Client.GetGrain<IModelGrain>(id).Get();
        Assert.Equal("Nuôi ong lấy mật", record!.Title);
        Assert.Equal(Field.Economy, record.Field);
        Assert.Equal(Commendations.National, record.Commendations);
        Assert.True(record.LatestEvaluation!.Value.Effective);

        var (badExit, bad) = await cli.RunAsync("models", "commend", id, "galaxy");
        Assert.Equal(2, badExit);
        Assert.Contains("commendation level 'galaxy'", bad);
        Assert.Equal(0, (await cli.RunAsync("models", "discontinue", id)).ExitCode);
        var (transitionExit, transition) = await cli.RunAsync("models", "evaluate", id, "--year", "2025", "--effective", "false");
        Assert.Equal(2, transitionExit);
        Assert.Contains("discontinued", transition);
        var (showExit, show) = await cli.RunAsync("models", "show", id);
        Assert.Equal(0, showExit);
        Assert.Contains("đã dừng / discontinued", show);
    }

    [Fact]
    public async Task Tally_watch_prints_each_live_update_of_the_unit()
    {
        var tree = new TestTree(fixture.Client);
        await tree.Unit("P", Level.Province, null, "Tỉnh Theo Dõi");
        await tree.Unit("C", Level.Commune, "P");
        var cli = new CliRunner(fixture.Client);
        var (watching, printed) = cli.Start("tally", tree.Code("P"), "--watch", "--json", "--for", "00:00:10");

        // The first line is the snapshot, printed once the watch has subscribed: every write after it is live.
        await Eventually.Get(() => Task.FromResult(printed()), text => text.Contains('\n'));
        for (var i = 0; i < 30; i++)
        {
            var id = tree.Code($"m{i}");
            await fixture.Client.GetGrain<IModelGrain>(id).Register(TestTree.Model(id, tree.Code("C")));
        }

        var (exit, output) = await watching;
        Assert.True(exit == 0, output);
        var totals = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("tally").GetProperty("total").GetInt32())
            .ToList();
        Assert.True(totals.Count >= 2, "expected the snapshot and live updates, got: " + string.Join(", ", totals));
        Assert.Equal(0, totals[0]);
        Assert.Equal(30, totals[^1]);
        Assert.Equal(totals.Order(), totals);
    }

    [Fact]
    public async Task A_cluster_that_does_not_answer_gives_one_line_and_exit_code_2()
    {
        var writer = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Ansi = Spectre.Console.AnsiSupport.No,
            Out = new Spectre.Console.AnsiConsoleOutput(writer),
        });
        var context = new DanVanKheo.Client.CliContext(console, (_, _) => Task.FromException<IGrainFactory>(new TimeoutException("no answer from 127.0.0.1:30000")));

        var exit = await DanVanKheo.Client.DvkCli.RunAsync(context, ["tally", "VN"]);

        Assert.Equal(2, exit);
        Assert.Contains("TimeoutException", writer.ToString());
        Assert.Contains("no answer from 127.0.0.1:30000", writer.ToString());
    }
}
