namespace DanVanKheo.Tests;

/// <summary>Each kind of bad input is refused with an error that names the problem, and stores nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task Unknown_parent_is_refused()
    {
        var tree = new TestTree(Grains);
        var error = await Assert.ThrowsAsync<DvkException>(() => tree.Unit("C", Level.Commune, "nowhere"));
        Assert.Equal("unknown-parent", error.Problem);
        Assert.Contains(tree.Code("nowhere"), error.Message);
        Assert.Null(await Grains.GetGrain<IUnitGrain>(tree.Code("C")).GetInfo());
    }

    [Theory]
    [InlineData(Level.District, Level.District)]
    [InlineData(Level.Hamlet, Level.Commune)]
    [InlineData(Level.Commune, Level.District)]
    public async Task A_parent_at_the_same_or_a_lower_level_is_refused(Level parentLevel, Level childLevel)
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("X", parentLevel, parentLevel == Level.Province ? null : "P");
        var error = await Assert.ThrowsAsync<DvkException>(() => tree.Unit("Y", childLevel, "X"));
        Assert.Equal("bad-parent-level", error.Problem);
    }

    [Fact]
    public async Task A_code_used_at_another_level_is_refused_and_the_unit_is_unchanged()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null, "Tỉnh Thử");
        await tree.Unit("D", Level.District, "P", "Huyện Thử");
        var error = await Assert.ThrowsAsync<DvkException>(() => tree.Unit("D", Level.Commune, "P"));
        Assert.Equal("duplicate-code", error.Problem);
        var info = await Grains.GetGrain<IUnitGrain>(tree.Code("D")).GetInfo();
        Assert.Equal(Level.District, info!.Definition.Level);
        Assert.Equal("Huyện Thử", info.Definition.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_name_is_refused(string name)
    {
        var tree = new TestTree(Grains);
        var error = await Assert.ThrowsAsync<DvkException>(() =>
            Grains.GetGrain<IUnitGrain>(tree.Code("P")).Define(new UnitDefinition(tree.Code("P"), name, Level.Province, "Tỉnh", null)));
        Assert.Equal("empty-name", error.Problem);
    }

    [Fact]
    public async Task A_unit_cannot_become_its_own_parent_or_move_under_its_descendant()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("D", Level.District, "P");
        var self = await Assert.ThrowsAsync<DvkException>(() => tree.Unit("D", Level.District, "D"));
        Assert.Equal("cyclic-parent", self.Problem);
        var under = await Assert.ThrowsAsync<DvkException>(() => tree.Unit("P", Level.Province, "D"));
        Assert.Contains(under.Problem, new[] { "cyclic-parent", "bad-parent-level" });
        Assert.Equal(Rules.NationalCode, (await Grains.GetGrain<IUnitGrain>(tree.Code("P")).GetInfo())!.Definition.ParentCode);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("a b")]
    [InlineData("<script>")]
    public void Codes_with_path_or_markup_characters_are_refused(string code)
    {
        var error = Assert.Throws<DvkException>(() => Rules.NormalizeUnitCode(code));
        Assert.Equal("bad-unit-code", error.Problem);
    }

    [Fact]
    public async Task Model_refusals_name_the_problem_and_change_nothing()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        await tree.Unit("C", Level.Commune, "P");
        var model = Grains.GetGrain<IModelGrain>(tree.Code("m"));
        var input = TestTree.Model(tree.Code("m"), tree.Code("C"));

        Assert.Equal("unknown-unit", (await Assert.ThrowsAsync<DvkException>(() => model.Register(input with { Unit = tree.Code("nowhere") }))).Problem);
        Assert.Null(await model.Get());
        Assert.Equal("oversize-title", (await Assert.ThrowsAsync<DvkException>(() => model.Register(input with { Title = new string('x', Rules.MaxTitleLength + 1) }))).Problem);
        Assert.Equal("bad-field", (await Assert.ThrowsAsync<DvkException>(() => model.Register(input with { Field = (Field)9 }))).Problem);
        Assert.Equal("bad-year", (await Assert.ThrowsAsync<DvkException>(() => model.Register(input with { Year = 1990 }))).Problem);
        Assert.Equal("bad-levels", (await Assert.ThrowsAsync<DvkException>(() => model.Register(input with { Levels = RegistrationLevels.None }))).Problem);
        Assert.Equal("not-found", (await Assert.ThrowsAsync<DvkException>(() => model.Evaluate(2024, true))).Problem);

        var stored = await model.Register(input);
        Assert.Equal("duplicate-model", (await Assert.ThrowsAsync<DvkException>(() => model.Register(input with { Title = "Khác" }))).Problem);
        Assert.Equal("bad-evaluation", (await Assert.ThrowsAsync<DvkException>(() => model.Evaluate(input.Year - 1, true))).Problem);
        await model.Discontinue();
        Assert.Equal("bad-transition", (await Assert.ThrowsAsync<DvkException>(() => model.Evaluate(2024, true))).Problem);
        Assert.Equal("bad-transition", (await Assert.ThrowsAsync<DvkException>(() => model.Commend(Commendations.Province))).Problem);
        var after = await model.Get();
        Assert.Equal(stored.Version + 1, after!.Version);
        Assert.Equal(ModelStatus.Discontinued, after.Status);
        Assert.Empty(after.Evaluations);

        var summary = await Eventually.Get(() => tree.Summary(tree.Code("P")), s => s.Discontinued == 1);
        Assert.Equal(0, summary.Total);
        Assert.Equal(1, summary.Discontinued);
    }

    [Fact]
    public async Task A_commended_model_cannot_lose_its_exemplar_status()
    {
        var tree = new TestTree(Grains);
        await tree.Unit("P", Level.Province, null);
        var model = Grains.GetGrain<IModelGrain>(tree.Code("m"));
        await model.Register(TestTree.Model(tree.Code("m"), tree.Code("P")));
        await model.Commend(Commendations.District);
        Assert.Equal("bad-transition", (await Assert.ThrowsAsync<DvkException>(() => model.SetExemplar(false))).Problem);
        Assert.True((await model.Get())!.IsExemplar);
    }
}
