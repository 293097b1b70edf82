using DanVanKheo.Import.Csv;

namespace DanVanKheo.Import.Synthetic;

/// <summary>
/// A made-up province (districts, communes) and models spread over its communes, deterministic for a seed:
/// for the import benchmark and the durability tests. Codes start with <paramref name="prefix"/>, so runs
/// never collide with real units or with each other.
/// </summary>
public sealed class SyntheticData
{
    private static readonly string[] Sponsors = ["Hội Nông dân", "Hội Liên hiệp Phụ nữ", "Đoàn Thanh niên", "Công an xã", "Mặt trận Tổ quốc"];

    public SyntheticData(string prefix, int models, int districts = 10, int communesPerDistrict = 10, int seed = 1)
    {
        var random = new Random(seed);
        var province = $"{prefix}-P";
        var units = new List<UnitDefinition> { new(province, $"Tỉnh thử {prefix}", Level.Province, "Tỉnh", null) };
        var communes = new List<string>();
        for (var d = 0; d < districts; d++)
        {
            var district = $"{prefix}-D{d}";
            units.Add(new UnitDefinition(district, $"Huyện thử {d}", Level.District, "Huyện", province));
            for (var c = 0; c < communesPerDistrict; c++)
            {
                var commune = $"{prefix}-D{d}-C{c}";
                units.Add(new UnitDefinition(commune, $"Xã thử {d}.{c}", Level.Commune, "Xã", district));
                communes.Add(commune);
            }
        }

        var fields = Enum.GetValues<Field>();
        var inputs = new List<ModelInput>(models);
        for (var i = 0; i < models; i++)
        {
            var year = 2016 + random.Next(10);
            var levels = (RegistrationLevels)(1 + random.Next(7));
            var commended = random.Next(10) == 0 ? (Commendations)(1 << random.Next(4)) : Commendations.None;
            inputs.Add(new ModelInput(
                $"{prefix}-m{i:D6}",
                communes[random.Next(communes.Count)],
                $"Mô hình \"Dân vận khéo\" số {i}",
                fields[random.Next(fields.Length)],
                random.Next(4) == 0 ? ModelKind.Individual : ModelKind.Collective,
                Sponsors[random.Next(Sponsors.Length)],
                year,
                levels)
            {
                Evaluation = random.Next(3) == 0 ? null : new Evaluation(year, random.Next(3) != 0),
                Commendations = commended,
                Exemplar = commended != Commendations.None || random.Next(20) == 0,
                Status = random.Next(15) == 0 ? ModelStatus.Discontinued : ModelStatus.Active,
            });
        }

        Province = province;
        Units = units;
        Models = inputs;
    }

    public string Province { get; }

    public IReadOnlyList<UnitDefinition> Units { get; }

    public IReadOnlyList<ModelInput> Models { get; }

    public IReadOnlyList<CsvRow<UnitDefinition>> UnitRows => [.. Units.Select((u, i) => new CsvRow<UnitDefinition>(i + 2, u, null))];

    public IReadOnlyList<CsvRow<ModelInput>> ModelRows => [.. Models.Select((m, i) => new CsvRow<ModelInput>(i + 2, m, null))];
}
