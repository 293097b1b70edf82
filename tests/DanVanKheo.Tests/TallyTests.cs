namespace DanVanKheo.Tests;

/// <summary>Tally arithmetic without a cluster.</summary>
public sealed class TallyTests
{
    private static ModelRecord Record(Field field, ModelKind kind, int year, ModelStatus status = ModelStatus.Active) =>
        new("m", "u", "t", field, kind, "", year, RegistrationLevels.Commune | RegistrationLevels.District | RegistrationLevels.Province,
            [new Evaluation(year, true)], Commendations.Province | Commendations.National, false, status, 1, default);

    [Fact]
    public void A_model_counts_once_in_each_of_its_counters()
    {
        var summary = new TallyBuilder().Add(Contribution.Of(Record(Field.PoliticalSystem, ModelKind.Individual, 2018)), 1).ToTally().Summarize();
        Assert.Equal(1, summary.Total);
        Assert.Equal(1, summary.ByField(Field.PoliticalSystem));
        Assert.Equal(1, summary.ByKind(ModelKind.Individual));
        Assert.Equal(1, summary.Effective);
        Assert.Equal(1, summary.Exemplars);
        Assert.Equal(1, summary.Commended(2));
        Assert.Equal(1, summary.Commended(3));
        Assert.Equal(0, summary.Commended(0));
        Assert.Equal(1, summary.RegisteredAtAllThree);
        Assert.Equal(0, summary.Discontinued);
    }

    [Fact]
    public void A_discontinued_model_counts_only_as_discontinued()
    {
        var summary = new TallyBuilder().Add(Contribution.Of(Record(Field.Economy, ModelKind.Collective, 2018, ModelStatus.Discontinued)), 1).ToTally().Summarize();
        Assert.Equal(0, summary.Total);
        Assert.Equal(0, summary.Exemplars);
        Assert.Equal(1, summary.Discontinued);
        Assert.Equal(1, summary.DiscontinuedOfField(Field.Economy));
    }

    [Fact]
    public void Year_ranges_select_registration_years_and_add_subtract_are_inverse()
    {
        var a = new TallyBuilder()
            .Add(Contribution.Of(Record(Field.Economy, ModelKind.Collective, 2015)), 1)
            .Add(Contribution.Of(Record(Field.Economy, ModelKind.Collective, 2020)), 1)
            .ToTally();
        var b = new TallyBuilder().Add(Contribution.Of(Record(Field.CultureSociety, ModelKind.Individual, 2020)), 1).ToTally();
        Assert.Equal(2, a.Summarize().Total);
        Assert.Equal(1, a.Summarize(2016, 2020).Total);
        Assert.Equal(1, a.Summarize(null, 2015).Total);
        Assert.Equal(a, a.Add(b).Subtract(b));
        Assert.Equal(Tally.Empty, a.Subtract(a));
        Assert.Equal(new[] { 2015, 2020 }, a.Add(b).Years);
    }

    [Fact]
    public void The_builder_grows_both_ways_and_keeps_only_non_zero_years()
    {
        var late = new Tally([2024], [.. Enumerable.Range(1, Counter.Count)]);
        var early = new Tally([2010, 2012], [.. Enumerable.Repeat(2, 2 * Counter.Count)]);
        var builder = new TallyBuilder().Add(late, 1).Add(early, 1).Add(new Contribution(2012, 1), 1);

        var sum = builder.ToTally();
        Assert.Equal([2010, 2012, 2024], sum.Years);
        Assert.Equal(3, sum.Get(2012, 0));
        Assert.Equal(Counter.Count, sum.Get(2024, Counter.Count - 1));

        var back = builder.Add(early, -1).Add(new Contribution(2012, 1), -1).ToTally();
        Assert.Equal(late, back);
        Assert.Equal(Tally.Empty, builder.Add(late, -1).ToTally());
        Assert.Equal(early, builder.Clear().Add(early, 1).ToTally());
    }

    [Fact]
    public void A_builder_set_to_a_tally_holds_exactly_it_and_adds_to_another_builder()
    {
        var wide = new Tally([2010, 2024], [.. Enumerable.Range(1, 2 * Counter.Count)]);
        var narrow = new Tally([2016], [.. Enumerable.Repeat(3, Counter.Count)]);
        var slot = new TallyBuilder().Set(wide);
        Assert.Equal(wide, slot.ToTally());
        Assert.True(slot.SameAs(wide));
        Assert.False(slot.SameAs(narrow));
        Assert.False(slot.SameAs(Tally.Empty));

        // Set again reuses the array: nothing of the wider tally may stay behind.
        slot.Set(narrow);
        Assert.Equal(narrow, slot.ToTally());
        Assert.True(slot.SameAs(narrow));
        Assert.False(slot.SameAs(wide));

        var sum = new TallyBuilder().Add(wide, 1).Add(slot, 1);
        Assert.Equal(wide.Add(narrow), sum.ToTally());
        Assert.Equal(wide, sum.Add(slot, -1).ToTally());
        Assert.False(sum.IsEmpty);

        slot.Set(Tally.Empty);
        Assert.True(slot.IsEmpty);
        Assert.True(slot.SameAs(Tally.Empty));
        Assert.Equal(Tally.Empty, slot.ToTally());
        Assert.True(new TallyBuilder().Add(narrow, 1).Add(narrow, -1).IsEmpty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_delta_from_a_baseline_turns_the_baseline_into_the_builder(int seed)
    {
        var random = new Random(seed);
        TallyBuilder RandomBuilder()
        {
            var builder = new TallyBuilder();
            var first = random.Next(2005, 2020);
            for (var i = random.Next(0, 40); i > 0; i--)
            {
                builder.Add(new Contribution(first + random.Next(0, 8), (uint)random.Next(1, 1 << 30)), 1);
            }

            return builder;
        }

        var current = RandomBuilder();
        var baseline = RandomBuilder();
        var delta = current.DeltaFrom(baseline);
        Assert.Equal(current.ToTally(), baseline.Add(delta, 1).ToTally());
        Assert.True(current.DeltaFrom(baseline).IsEmpty);
        Assert.Equal(current.ToTally(), new TallyBuilder().Add(current.DeltaFrom(new TallyBuilder()), 1).ToTally());
        Assert.True(new TallyBuilder().Add(new TallyBuilder().DeltaFrom(current), 1).Add(current, 1).IsEmpty);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Changes_since_a_baseline_equal_the_full_delta_whatever_changed(int seed)
    {
        var random = new Random(seed);
        Contribution RandomContribution() =>
            new(random.Next(10) == 0 ? 1990 + random.Next(120) : 2009 + random.Next(18), (uint)random.Next(1, 1 << 30));
        TallyBuilder Other()
        {
            var other = new TallyBuilder();
            for (var i = random.Next(1, 6); i > 0; i--)
            {
                other.Add(RandomContribution(), 1);
            }

            return other;
        }

        var sum = new TallyBuilder();
        var parentHolds = new TallyBuilder();
        for (var round = 0; round < 300; round++)
        {
            for (var i = random.Next(0, 4); i > 0; i--)
            {
                switch (random.Next(12))
                {
                    case 0: sum.Add(Other(), random.Next(2) == 0 ? 1 : -1); break;
                    case 1: sum.Add(Other().ToTally(), 1); break;
                    case 2: sum.Add(Other().DeltaFrom(new TallyBuilder()), -1); break;
                    case 3: sum.Set(Other().ToTally()); break;
                    case 4: if (random.Next(5) == 0) { sum.Clear(); } break;
                    default: sum.Add(RandomContribution(), random.Next(3) == 0 ? -1 : 1); break;
                }
            }

            var expected = sum.DeltaFrom(parentHolds);
            var changes = sum.ChangesSince(parentHolds);
            Assert.Equal(expected.Cells, changes.Cells);
            sum.ForgetChanges();
            parentHolds.Add(changes, 1);
            Assert.True(sum.DeltaFrom(parentHolds).IsEmpty);
            Assert.True(sum.ChangesSince(parentHolds).IsEmpty);
        }
    }

    [Fact]
    public void A_delta_names_only_the_counters_that_changed()
    {
        var before = new TallyBuilder().Add(new Contribution(2015, 0b101), 1).Add(new Contribution(2020, 0b1), 1);
        var after = new TallyBuilder().Set(before.ToTally()).Add(new Contribution(2015, 0b101), -1).Add(new Contribution(2015, 0b110), 1);
        var delta = after.DeltaFrom(before);
        Assert.Equal(2, delta.Count);
        Assert.Equal((2015, 0, -1), (delta.YearAt(0), delta.CounterAt(0), delta.AmountAt(0)));
        Assert.Equal((2015, 1, 1), (delta.YearAt(1), delta.CounterAt(1), delta.AmountAt(1)));
    }
}
