using CsCheck;

namespace DanVanKheo.Tests;

/// <summary>
/// Random sequences of imports, registrations, changes, discontinuations, moves, merges and
/// duplicated (retried, concurrent) calls; after quiescence every unit's tally must equal the oracle. Run against both
/// ways a silo reports upward: awaited reports with storage (<see cref="RollupPropertyTests"/>) and one-way pushes with
/// write-behind (<see cref="PushedRollupPropertyTests"/>).
/// </summary>
public abstract class RollupProperties(ITestCluster fixture)
{
    private const int ModelPool = 14;

    private static readonly (string Local, Level Level, string? Parent)[] _tree =
    [
        ("P0", Level.Province, null),
        ("P1", Level.Province, null),
        ("D0", Level.District, "P0"),
        ("D1", Level.District, "P0"),
        ("D2", Level.District, "P1"),
        ("C0", Level.Commune, "D0"),
        ("C1", Level.Commune, "D1"),
        ("C2", Level.Commune, "D2"),
        ("C3", Level.Commune, "P1"),
        ("H0", Level.Hamlet, "C0"),
        ("H1", Level.Hamlet, "C2"),
        ("H2", Level.Hamlet, "C3"),
    ];

    private static readonly Gen<Op> _op =
        Gen.Select(Gen.Int[0, 13], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[0, 99], (k, a, b, c, d) => new Op(k, a, b, c, d));

    [Fact]
    public async Task After_any_sequence_of_operations_every_tally_equals_the_recomputation()
    {
        await _op.Array[5, 45].SampleAsync(
            async ops =>
            {
                var tree = new TestTree(fixture.Client);
                foreach (var (local, level, parent) in _tree)
                {
                    await tree.Unit(local, level, parent);
                }

                var units = _tree.Select(u => tree.Code(u.Local)).ToArray();
                var models = Enumerable.Range(0, ModelPool).Select(i => tree.Code($"m{i}")).ToArray();
                foreach (var op in ops)
                {
                    await ApplyAsync(tree, units, models, op);
                }

                var differences = await Oracle.DifferencesAfterQuiescenceAsync(fixture.Client, units, models);
                Assert.True(differences.Count == 0, "tallies differ from the oracle after " + string.Join("; ", ops) + ":\n" + string.Join("\n", differences));
            },
            iter: 25,
            threads: 1);
    }

    private async Task ApplyAsync(TestTree tree, string[] units, string[] models, Op op)
    {
        var grains = fixture.Client;
        var model = grains.GetGrain<IModelGrain>(models[op.A % models.Length]);
        var modelId = models[op.A % models.Length];
        var unit = units[op.B % units.Length];
        var input = new ModelInput(modelId, unit, $"Mô hình \"{op.C}\", thử", (Field)(op.C % 4), (ModelKind)(op.D % 2), "Đoàn Thanh niên", 2015 + op.D % 10, (RegistrationLevels)(1 + op.C % 7))
        {
            Evaluation = op.D % 3 == 0 ? new Evaluation(2025, op.C % 2 == 0) : null,
            Commendations = (Commendations)(op.B % 16 < 12 ? 0 : op.B % 16),
            Status = op.C % 9 == 0 ? ModelStatus.Discontinued : ModelStatus.Active,
        };
        try
        {
            switch (op.Kind)
            {
                case 0:
                    await model.Register(input);
                    break;
                case 1:
                    await model.Upsert(input);
                    break;
                case 2:
                    // A retried import: the same call twice at once, then once more.
                    await Task.WhenAll(model.Upsert(input), model.Upsert(input));
                    await model.Upsert(input);
                    break;
                case 3:
                    await model.Evaluate(2016 + op.C % 10, op.D % 2 == 0);
                    break;
                case 4:
                    await model.Commend((Commendations)(1 << (op.C % 4)));
                    break;
                case 5:
                    await model.SetExemplar(op.C % 3 != 0);
                    break;
                case 6:
                    await Task.WhenAll(model.Discontinue(), model.Discontinue());
                    break;
                case 7:
                    await model.Reactivate();
                    break;
                case 8:
                    await model.Update(new ModelChanges { Unit = unit, Field = (Field)(op.C % 4), Year = 2012 + op.D % 5 });
                    break;
                case 9:
                    await model.MoveTo(unit);
                    break;
                case 10:
                    await MoveUnitAsync(tree, op);
                    break;
                case 11:
                    await MergeAsync(tree, op);
                    break;
                case 12:
                    // Re-importing the whole tree changes nothing.
                    foreach (var (local, level, parent) in _tree.Where(u => u.Level == Level.Province))
                    {
                        await tree.Unit(local, level, parent);
                    }

                    break;
                default:
                    await Task.WhenAll(models.Take(4).Select(id => grains.GetGrain<IModelGrain>(id).Upsert(input with { Id = id })));
                    break;
            }
        }
        catch (DvkException)
        {
            // Refusals (unknown model, discontinued, retired unit, …) are part of the sequence: they must change nothing.
        }
    }

    private async Task MoveUnitAsync(TestTree tree, Op op)
    {
        var movable = _tree.Where(u => u.Level is Level.Commune or Level.District or Level.Hamlet).ToArray();
        var (local, level, _) = movable[op.B % movable.Length];
        var parents = _tree.Where(u => u.Level < level).ToArray();
        var newParent = parents[op.C % parents.Length];
        var grain = fixture.Client.GetGrain<IUnitGrain>(tree.Code(local));
        var info = await grain.GetInfo();
        if (info is not null)
        {
            await grain.Define(info.Definition with { ParentCode = tree.Code(newParent.Local) });
        }
    }

    private async Task MergeAsync(TestTree tree, Op op)
    {
        var communes = _tree.Where(u => u.Level == Level.Commune).ToArray();
        var from = communes[op.B % communes.Length];
        var into = communes[op.C % communes.Length];
        await fixture.Client.GetGrain<IUnitGrain>(tree.Code(from.Local)).MergeInto(tree.Code(into.Local));
    }

    public sealed record Op(int Kind, int A, int B, int C, int D);
}

[Collection(ClusterCollection.Name)]
public sealed class RollupPropertyTests(ClusterFixture fixture) : RollupProperties(fixture);

[Collection(WriteBehindCollection.Name)]
public sealed class PushedRollupPropertyTests(WriteBehindClusterFixture fixture) : RollupProperties(fixture);
