using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace InboxApp.Features.Templates;

/// <summary>
/// Writes a template: name, language, category, header, body with examples, footer and buttons, the lint's problems under
/// the component they are about and a live preview. A draft is saved and submitted; a template in Meta (approved, rejected,
/// paused) is edited there; others are read only.
/// </summary>
public partial class TemplateEditorDialog
{
    [CascadingParameter] private IMudDialogInstance MudDialog { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public TemplateDto? Template { get; set; }
    [Parameter] public IReadOnlyList<(Guid Id, string Alias)> Accounts { get; set; } = [];

    [Inject] private TemplateService Templates { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private TemplateEditorModel model = new();
    private bool busy;
    private string? error;

    private bool InMeta => Template is { Status: TemplateStatus.APPROVED or TemplateStatus.REJECTED or TemplateStatus.PAUSED, MetaTemplateId: not null };
    private bool ReadOnly => Template is not null && Template.Status != TemplateStatus.DRAFT && !InMeta;
    private IReadOnlyList<TemplateComponentSpec> Components => model.ToComponents();
    private IReadOnlyList<TemplateProblem> CurrentProblems => TemplateLint.Check(model.Name, model.Language, model.Category, Components);

    private IReadOnlyList<TemplateProblem> ProblemsOf(params string[] components) => CurrentProblems.Where(p => components.Contains(p.Component)).ToList();

    protected override void OnInitialized()
    {
        model = Template is null ? new TemplateEditorModel { AccountId = Accounts.FirstOrDefault().Id is var id && id != Guid.Empty ? id : null } : TemplateEditorModel.From(Template);
    }

    private TemplateInput Input() => new(model.Name.Trim(), model.Language.Trim(), model.Category, Components, Template is null ? model.AccountId : null);

    private async Task<TemplateDto?> SaveAsync()
    {
        if (Template is null) return Template = await Templates.CreateDraftAsync(Actor, Input());
        return Template = await Templates.UpdateDraftAsync(Actor, Template.Id, Input());
    }

    private Task SaveDraftAsync() => RunAsync(async () =>
    {
        await SaveAsync();
        Snackbar.Add($"Draft {model.Name} saved", Severity.Success);
        MudDialog.Close(DialogResult.Ok(true));
    });

    private Task SubmitAsync() => RunAsync(async () =>
    {
        if (InMeta)
        {
            await Templates.EditAsync(Actor, Template!.Id, new TemplateInput(null, null, model.Category, Components));
            Snackbar.Add($"Changes to {model.Name} sent to Meta for review", Severity.Success);
        }
        else
        {
            var saved = await SaveAsync();
            var submitted = await Templates.SubmitAsync(Actor, saved!.Id);
            Snackbar.Add($"{model.Name} submitted: {submitted.Status.ToString().ToLowerInvariant()}", Severity.Success);
        }
        MudDialog.Close(DialogResult.Ok(true));
    });

    /// <summary>A header example: the draft is saved first, then the file goes to Meta and its handle into the header.</summary>
    private Task UploadAsync(InputFileChangeEventArgs e) => RunAsync(async () =>
    {
        var file = e.File;
        var format = model.HeaderFormat;
        var saved = await SaveAsync();
        await using var content = await Uploads.BrowserUpload.BufferAsync(file, 100L * 1024 * 1024, _ => Task.CompletedTask);
        await Templates.UploadMediaAsync(Actor, saved!.Id, null, new TemplateUpload(content, file.ContentType, file.Name, file.Size));
        Template = await Templates.GetAsync(Actor, saved.Id);
        model = TemplateEditorModel.From(Template);
        if (model.HeaderFormat != format) Snackbar.Add($"The header is now {model.HeaderFormat.ToLowerInvariant()}, the kind of the file", Severity.Info);
        Snackbar.Add("Header example uploaded", Severity.Success);
    });

    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        error = null;
        try
        {
            await action();
        }
        catch (InboxException e)
        {
            error = e.Details is { Count: > 0 } d ? string.Join(" ", d.Select(p => $"{p.Key}: {string.Join(" ", p.Value)}")) : e.Message;
        }
        catch (IOException e)
        {
            error = "The file could not be read: " + e.Message;
        }
        finally
        {
            busy = false;
        }
    }
}
