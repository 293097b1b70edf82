using System.Net.Http.Json;
using DanVanKheo.Silo.Hosting;

namespace DanVanKheo.Api.Tests;

/// <summary>The silo's activations live in the table it sized (<see cref="ActivationTable"/>), not in one Orleans grows.</summary>
[Collection(ApiCollection.Name)]
public sealed class ActivationTableTests(ApiHost host)
{
    [Fact]
    public async Task Orleans_keeps_the_silos_activations_in_the_table_of_the_configured_capacity()
    {
        var table = host.Service<ActivationTable>();
        var units = await TestUnits.CreateAsync(host);
        using var admin = host.Admin();
        (await admin.PostAsJsonAsync("api/models", TestUnits.Model(units.C1))).EnsureSuccessStatusCode();

        Assert.Equal(ActivationTable.DefaultCapacity, table.Capacity);
        Assert.NotNull(table.Table);

        // The units and the model just written were activated by Orleans' catalog: they must be in this table.
        var keys = table.Table.Keys.Select(id => id.ToString()).ToArray();
        foreach (var code in new[] { units.P, units.D, units.C1 })
        {
            Assert.Contains("unit/" + code, keys);
        }

        Assert.Contains(keys, key => key.StartsWith("model/", StringComparison.Ordinal));
    }
}
