using DanVanKheo.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DanVanKheo.Tests;

/// <summary>What <c>Orleans:ActivationCapacity</c> gives Orleans' activation directory (a started silo: the API tests).</summary>
public sealed class ActivationTableSettingTests
{
    private static readonly Type DirectoryType = Type.GetType("Orleans.Runtime.ActivationDirectory, Orleans.Runtime", throwOnError: true)!;

    [Theory]
    [InlineData(null, ActivationTable.DefaultCapacity)]
    [InlineData("1000", 1000)]
    public async Task The_directory_gets_an_empty_table_of_the_capacity(string? setting, int capacity)
    {
        var builder = SiloSettings.Builder("LocalMemory", (ActivationTable.SettingKey, setting));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        Assert.NotNull(app.Services.GetService(DirectoryType));
        var table = app.Services.GetRequiredService<ActivationTable>();

        Assert.Equal(capacity, table.Capacity);
        Assert.NotNull(table.Table);
        Assert.True(table.Table.IsEmpty);
    }

    [Fact]
    public async Task Zero_leaves_Orleans_its_own_table()
    {
        var builder = SiloSettings.Builder("Postgres", (ActivationTable.SettingKey, "0"));
        builder.AddDanVanKheoSilo();
        await using var app = builder.Build();

        Assert.NotNull(app.Services.GetService(DirectoryType));
        Assert.Null(app.Services.GetRequiredService<ActivationTable>().Table);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public void A_capacity_that_is_not_a_count_is_refused_by_name(string setting)
    {
        var builder = SiloSettings.Builder("LocalMemory", (ActivationTable.SettingKey, setting));

        var refused = Assert.Throws<InvalidOperationException>(() => builder.AddDanVanKheoSilo());

        Assert.Contains($"Orleans:ActivationCapacity '{setting}' is not a number of activations", refused.Message);
    }
}
