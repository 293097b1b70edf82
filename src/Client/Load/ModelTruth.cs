namespace DanVanKheo.Client.Load;

/// <summary>
/// What the load test knows a model to be, independently of the cluster: the oracle that the tallies
/// must match at the end. Kept compact (one struct per model) so a million fit easily.
/// </summary>
public struct ModelTruth
{
    public int Unit;
    public Field Field;
    public ModelKind Kind;
    public short Year;
    public RegistrationLevels Levels;
    public Commendations Commendations;
    public short EvaluationYear;
    public bool Effective;
    public bool Discontinued;

    public readonly Contribution Contribution() => DanVanKheo.Contribution.Of(new ModelRecord(
        "", "", "", Field, Kind, "", Year, Levels,
        EvaluationYear == 0 ? [] : [new Evaluation(EvaluationYear, Effective)],
        Commendations, false, Discontinued ? ModelStatus.Discontinued : ModelStatus.Active, 0, default));

    /// <summary>An evaluation replaces the latest result only when its year is not older.</summary>
    public void Evaluate(int year, bool effective)
    {
        if (year >= EvaluationYear)
        {
            EvaluationYear = (short)year;
            Effective = effective;
        }
    }
}
