using DanVanKheo.Grains;

namespace DanVanKheo.Tests;

/// <summary>Models share one reference per unit code, and the reference reaches that unit.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UnitReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_unit_code_gives_the_same_reference_each_time_and_it_reaches_that_unit()
    {
        var tree = new TestTree(fixture.Client);
        await tree.Unit("P", Level.Province, null, "Tỉnh Tham Chiếu");
        await tree.Unit("C", Level.Commune, "P", "Xã Tham Chiếu");
        var references = new UnitReferences(fixture.Client);

        var province = references.For(tree.Code("P"));
        Assert.Same(province, references.For(tree.Code("P")));
        Assert.NotSame(province, references.For(tree.Code("C")));
        Assert.Equal(tree.Code("P"), province.GetPrimaryKeyString());
        Assert.Equal("Tỉnh Tham Chiếu", (await province.GetInfo())!.Definition.Name);
        Assert.Equal("Xã Tham Chiếu", (await references.For(tree.Code("C")).GetInfo())!.Definition.Name);
    }
}
