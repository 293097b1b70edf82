namespace DanVanKheo.Client.Load;

/// <summary>
/// Random models with the mix the published reports show: most in culture–society, then economy, few
/// in defence–security and the political system; mostly collectives; registered 2010–2025.
/// </summary>
public static class ModelMix
{
    public const int FirstYear = 2010;
    public const int LastYear = 2025;

    /// <summary>Probe models use a registration year no generated model has, so the national count for it counts probes.</summary>
    public const int ProbeYear = Rules.FirstYear;

    private static readonly string[] Sponsors =
    [
        "Đảng ủy", "Ủy ban nhân dân", "Mặt trận Tổ quốc", "Đoàn Thanh niên", "Hội Liên hiệp Phụ nữ",
        "Hội Nông dân", "Hội Cựu chiến binh", "Công đoàn", "Công an", "Quân sự", "Trường học", "Doanh nghiệp",
    ];

    private static readonly string[] Titles =
    [
        "Nuôi ong kết hợp nuôi dê", "Tuyến phố văn minh", "Dân vận khéo trong xây dựng nông thôn mới",
        "Tổ tự quản an ninh trật tự", "Chi bộ bốn tốt", "Hỗ trợ người sau cai nghiện tái hòa nhập",
        "Vườn mẫu", "Con đường hoa", "Tiết kiệm vì phụ nữ nghèo", "Camera an ninh khu dân cư",
    ];

    public static Field Field(Random random) => random.Next(100) switch
    {
        < 48 => DanVanKheo.Field.CultureSociety,
        < 84 => DanVanKheo.Field.Economy,
        < 93 => DanVanKheo.Field.DefenseSecurity,
        _ => DanVanKheo.Field.PoliticalSystem,
    };

    public static RegistrationLevels Levels(Random random) => random.Next(100) switch
    {
        < 55 => RegistrationLevels.Commune,
        < 75 => RegistrationLevels.Commune | RegistrationLevels.District,
        < 85 => RegistrationLevels.District,
        < 95 => RegistrationLevels.Commune | RegistrationLevels.District | RegistrationLevels.Province,
        _ => RegistrationLevels.Province,
    };

    public static Commendations CommendationLevel(Random random) => random.Next(100) switch
    {
        < 50 => Commendations.Commune,
        < 80 => Commendations.District,
        < 95 => Commendations.Province,
        _ => Commendations.National,
    };

    /// <summary>A new model; <paramref name="history"/> gives it the evaluations, commendations and status an existing model may have.</summary>
    public static ModelTruth New(Random random, int unit, bool history)
    {
        var truth = new ModelTruth
        {
            Unit = unit,
            Field = Field(random),
            Kind = random.Next(100) < 85 ? ModelKind.Collective : ModelKind.Individual,
            Year = (short)random.Next(FirstYear, LastYear + 1),
            Levels = Levels(random),
        };
        if (history)
        {
            if (truth.Year < LastYear && random.Next(100) < 60)
            {
                truth.Evaluate(random.Next(truth.Year, LastYear + 1), random.Next(100) < 80);
            }

            if (random.Next(100) < 5)
            {
                truth.Commendations = CommendationLevel(random);
            }

            truth.Discontinued = random.Next(100) < 3;
        }

        return truth;
    }

    public static ModelTruth Probe(int unit) => new()
    {
        Unit = unit,
        Field = DanVanKheo.Field.Economy,
        Kind = ModelKind.Collective,
        Year = ProbeYear,
        Levels = RegistrationLevels.Commune,
    };

    public static ModelInput Input(string id, string unitCode, in ModelTruth truth, int seed) =>
        new(id, unitCode, Titles[seed % Titles.Length], truth.Field, truth.Kind, Sponsors[seed % Sponsors.Length], truth.Year, truth.Levels)
        {
            Evaluation = truth.EvaluationYear == 0 ? null : new Evaluation(truth.EvaluationYear, truth.Effective),
            Commendations = truth.Commendations,
            Status = truth.Discontinued ? ModelStatus.Discontinued : ModelStatus.Active,
        };
}
