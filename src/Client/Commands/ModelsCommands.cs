using System.CommandLine;
using DanVanKheo.Import.Csv;
using DanVanKheo.Import;
using DanVanKheo.Client.Http;
using DanVanKheo.Client.Output;
using Spectre.Console;

namespace DanVanKheo.Client.Commands;

/// <summary><c>dvk models import|show|register|update|evaluate|exemplar|commend|discontinue|reactivate</c>.</summary>
public static class ModelsCommands
{
    public static Command Create(CliContext context)
    {
        var models = new Command("models", "Mô hình \"Dân vận khéo\" / models");
        models.Subcommands.Add(Import(context));
        models.Subcommands.Add(Show(context));
        models.Subcommands.Add(ModelsExportCommand.Create(context));
        models.Subcommands.Add(Register(context));
        models.Subcommands.Add(Update(context));
        models.Subcommands.Add(Evaluate(context));
        models.Subcommands.Add(Change(context, "exemplar", "Công nhận điển hình / recognise as an exemplar", (m, _) => m.SetExemplar(true)));
        models.Subcommands.Add(Commend(context));
        models.Subcommands.Add(Change(context, "discontinue", "Dừng thực hiện / discontinue", (m, _) => m.Discontinue()));
        models.Subcommands.Add(Change(context, "reactivate", "Thực hiện lại / reactivate", (m, _) => m.Reactivate()));
        return models;
    }

    private static Command Import(CliContext context) => CsvImportCommand.Create(
        context,
        "import",
        "Nhập mô hình từ CSV / import models (idempotent by id)",
        ModelCsv.Columns,
        ModelCsv.Read,
        (grains, rows, progress, ct) => ModelImporter.ImportAsync(grains, rows, progress, cancellationToken: ct),
        "Nhập mô hình / models",
        "mô hình / models",
        (api, text, rows, progress, ct) => ApiCsvImport.ModelsAsync(api, text, rows, progress, ct));

    private static Command Show(CliContext context) =>
        Change(context, "show", "Xem mô hình / show a model", async (m, id) => await m.Get() ?? throw DvkException.NotFound("model", id));

    private static Command Register(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Model id" };
        var command = new Command("register", "Đăng ký mô hình mới / register a model") { id };
        foreach (var option in ModelOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetRunner(context, async (parse, ct) =>
        {
            var input = new ModelInput(
                parse.GetValue(id)!,
                ModelOptions.Require(parse, ModelOptions.Unit),
                ModelOptions.Require(parse, ModelOptions.Title),
                ModelOptions.ParseField(ModelOptions.Require(parse, ModelOptions.Field))!.Value,
                ModelOptions.ParseKind(parse.GetValue(ModelOptions.Kind) ?? "collective")!.Value,
                parse.GetValue(ModelOptions.Sponsor) ?? "",
                parse.GetValue(ModelOptions.Year) ?? DateTime.UtcNow.Year,
                ModelOptions.ParseLevels(parse.GetValue(ModelOptions.Levels) ?? "commune")!.Value);
            input = Rules.Validate(input);
            var grains = await context.ConnectAsync(parse, ct);
            Print(context, await grains.GetGrain<IModelGrain>(input.Id).Register(input));
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Model id" };
        var command = new Command("update", "Sửa mô hình / change a model's fields (unit = move)") { id };
        foreach (var option in ModelOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetRunner(context, async (parse, ct) =>
        {
            var changes = new ModelChanges
            {
                Unit = parse.GetValue(ModelOptions.Unit),
                Title = parse.GetValue(ModelOptions.Title),
                Field = ModelOptions.ParseField(parse.GetValue(ModelOptions.Field)),
                Kind = ModelOptions.ParseKind(parse.GetValue(ModelOptions.Kind)),
                Sponsor = parse.GetValue(ModelOptions.Sponsor),
                Year = parse.GetValue(ModelOptions.Year),
                Levels = ModelOptions.ParseLevels(parse.GetValue(ModelOptions.Levels)),
            };
            var grains = await context.ConnectAsync(parse, ct);
            Print(context, await grains.GetGrain<IModelGrain>(Rules.NormalizeModelId(parse.GetValue(id))).Update(changes));
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Evaluate(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Model id" };
        var year = new Option<int>("--year") { Description = "Year evaluated", Required = true };
        var effective = new Option<bool>("--effective") { Description = "true: effective and spreading; false: not", Required = true };
        var command = new Command("evaluate", "Đánh giá hiệu quả trong năm / record a yearly evaluation") { id, year, effective };
        command.SetRunner(context, async (parse, ct) =>
        {
            var grains = await context.ConnectAsync(parse, ct);
            var model = grains.GetGrain<IModelGrain>(Rules.NormalizeModelId(parse.GetValue(id)));
            Print(context, await model.Evaluate(parse.GetValue(year), parse.GetValue(effective)));
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Commend(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Model id" };
        var level = new Argument<string>("LEVEL") { Description = "commune | district | province | national" };
        var command = new Command("commend", "Biểu dương, khen thưởng / commend at a level") { id, level };
        command.SetRunner(context, async (parse, ct) =>
        {
            var commendation = ModelOptions.ParseCommendation(parse.GetValue(level));
            var grains = await context.ConnectAsync(parse, ct);
            Print(context, await grains.GetGrain<IModelGrain>(Rules.NormalizeModelId(parse.GetValue(id))).Commend(commendation));
            return CommandRunner.Ok;
        });
        return command;
    }

    private static Command Change(CliContext context, string name, string description, Func<IModelGrain, string, Task<ModelRecord>> change)
    {
        var id = new Argument<string>("ID") { Description = "Model id" };
        var command = new Command(name, description) { id, TallyCommand.AsJson };
        command.SetRunner(context, async (parse, ct) =>
        {
            var modelId = Rules.NormalizeModelId(parse.GetValue(id));
            var grains = await context.ConnectAsync(parse, ct);
            var record = await change(grains.GetGrain<IModelGrain>(modelId), modelId);
            if (parse.GetValue(TallyCommand.AsJson))
            {
                Json.Write(context, record);
            }
            else
            {
                Print(context, record);
            }

            return CommandRunner.Ok;
        });
        return command;
    }

    private static void Print(CliContext context, ModelRecord m)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string label, string value) => grid.AddRow(new Text(label), new Text(value));
        Row("Mã / id", m.Id);
        Row("Tên / title", m.Title);
        Row("Đơn vị / unit", m.Unit);
        Row("Lĩnh vực / field", $"{m.Field.Vietnamese()} ({m.Field.Code()})");
        Row("Loại / kind", $"{m.Kind.Vietnamese()} ({m.Kind.Code()})");
        Row("Chủ trì / sponsor", m.Sponsor);
        Row("Năm đăng ký / year", m.Year.ToString(Numbers.Vietnamese));
        Row("Cấp đăng ký / levels", Codes.Format(m.Levels));
        Row("Đánh giá / evaluations", m.Evaluations.Length == 0 ? "chưa / none" : string.Join(", ", m.Evaluations.Select(e => $"{e.Year}: {(e.Effective ? "hiệu quả / effective" : "chưa hiệu quả / not effective")}")));
        Row("Điển hình / exemplar", m.IsExemplar ? "có / yes" : "không / no");
        Row("Khen thưởng / commended", Codes.Format(m.Commendations));
        Row("Trạng thái / status", m.Status == ModelStatus.Active ? "đang thực hiện / active" : "đã dừng / discontinued");
        Row("Phiên bản / version", m.Version.ToString(Numbers.Vietnamese));
        context.Console.Write(grid);
    }
}
