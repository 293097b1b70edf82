namespace DanVanKheo;

/// <summary>
/// Index of each counter in a tally row. A model contributes 0 or 1 to each counter, so its whole
/// contribution is a bit mask over these indices; a unit's tally is the per-year sum of masks.
/// Changing the order breaks stored tallies: only append.
/// </summary>
public static class Counter
{
    /// <summary>Active models by field × kind: index = field * 2 + kind.</summary>
    public const int ActiveFirst = 0;
    public const int Effective = 8;
    public const int Evaluated = 9;
    /// <summary>Exemplars by kind: index = ExemplarFirst + kind.</summary>
    public const int ExemplarFirst = 10;
    /// <summary>Commended by level × kind: index = CommendedFirst + levelIndex * 2 + kind (commune, district, province, national).</summary>
    public const int CommendedFirst = 12;
    /// <summary>Registered at commune, district, province (active models).</summary>
    public const int RegisteredFirst = 20;
    public const int RegisteredAllThree = 23;
    /// <summary>Discontinued by field.</summary>
    public const int DiscontinuedFirst = 24;
    /// <summary>Discontinued by kind.</summary>
    public const int DiscontinuedKindFirst = 28;
    public const int Count = 30;

    public static int Active(Field field, ModelKind kind) => ActiveFirst + (int)field * 2 + (int)kind;

    public static int Commended(int levelIndex, ModelKind kind) => CommendedFirst + levelIndex * 2 + (int)kind;
}
