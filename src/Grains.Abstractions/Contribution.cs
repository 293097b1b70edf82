namespace DanVanKheo;

/// <summary>
/// What one model adds to its unit's tally: one registration year and a bit per <see cref="Counter"/>.
/// A removed model (moved away, or never valid) contributes <see cref="None"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvk.Contribution")]
public readonly record struct Contribution([property: Id(0)] int Year, [property: Id(1)] uint Mask)
{
    public static readonly Contribution None = new(0, 0);

    public static Contribution Of(ModelRecord model)
    {
        uint mask = 0;
        void Set(int counter) => mask |= 1u << counter;

        if (model.Status == ModelStatus.Discontinued)
        {
            Set(Counter.DiscontinuedFirst + (int)model.Field);
            Set(Counter.DiscontinuedKindFirst + (int)model.Kind);
            return new Contribution(model.Year, mask);
        }

        Set(Counter.Active(model.Field, model.Kind));
        if (model.LatestEvaluation is { } evaluation)
        {
            Set(Counter.Evaluated);
            if (evaluation.Effective)
            {
                Set(Counter.Effective);
            }
        }

        if (model.IsExemplar)
        {
            Set(Counter.ExemplarFirst + (int)model.Kind);
        }

        for (var level = 0; level < 4; level++)
        {
            if (((int)model.Commendations & (1 << level)) != 0)
            {
                Set(Counter.Commended(level, model.Kind));
            }
        }

        for (var level = 0; level < 3; level++)
        {
            if (((int)model.Levels & (1 << level)) != 0)
            {
                Set(Counter.RegisteredFirst + level);
            }
        }

        if (model.Levels == (RegistrationLevels.Commune | RegistrationLevels.District | RegistrationLevels.Province))
        {
            Set(Counter.RegisteredAllThree);
        }

        return new Contribution(model.Year, mask);
    }
}
