using InboxApp.Auth;
using InboxApp.Core.Channels;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Templates;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace InboxApp.Features.Templates;

/// <summary>
/// Settings › Templates: the organization's templates with filters, the editor (lint at the component, live preview,
/// submit), duplicate and delete, a sync with Meta, and live news when Meta approves, rejects, pauses or rates one.
/// </summary>
public partial class TemplatesPage
{
    private const int PageSize = 100;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private TemplateService Templates { get; set; } = default!;
    [Inject] private TemplateNotifier Notifier { get; set; } = default!;
    [Inject] private InboxDb InboxDb { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private TemplatePage? list;
    private string? search;
    private string? language;
    private TemplateStatus? status;
    private TemplateCategory? category;
    private bool busy;
    private IDisposable? subscription;

    private bool CanManage => actor is { OrganizationId: not null } a && a.AtLeast(TemplateService.ManagerRole);
    private bool Filtered => !string.IsNullOrWhiteSpace(search) || !string.IsNullOrWhiteSpace(language) || status is not null || category is not null;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (!CanManage) return;
        await ReloadAsync();
        if (RendererInfo.IsInteractive) subscription = Notifier.Subscribe(actor.Org, OnTemplateUpdatedAsync);
    }

    private Task OnTemplateUpdatedAsync(TemplateUpdated e) => InvokeAsync(async () =>
    {
        var shown = list?.Items.FirstOrDefault(t => t.Id == e.TemplateId);
        if (shown is not null && shown.Status.ToString() != e.Status)
            Snackbar.Add($"Template {e.Name} ({e.Language}) is now {e.Status}", e.Status is "REJECTED" or "PAUSED" or "DISABLED" ? Severity.Warning : Severity.Info);
        await ReloadAsync();
        StateHasChanged();
    });

    private async Task ReloadAsync()
    {
        try
        {
            list = await Templates.ListAsync(actor!, new TemplateFilter(status, category, string.IsNullOrWhiteSpace(language) ? null : language.Trim(), search), 0, PageSize);
        }
        catch (InboxException e)
        {
            Snackbar.Add("Could not load the templates: " + e.Message, Severity.Error);
        }
    }

    private static string Cut(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static Color StatusColor(TemplateStatus s) => s switch
    {
        TemplateStatus.APPROVED => Color.Success,
        TemplateStatus.PENDING or TemplateStatus.IN_APPEAL => Color.Info,
        TemplateStatus.REJECTED or TemplateStatus.DISABLED => Color.Error,
        TemplateStatus.PAUSED => Color.Warning,
        _ => Color.Default,
    };

    private async Task<IReadOnlyList<(Guid Id, string Alias)>> AccountsAsync()
    {
        await using var db = InboxDb.For(actor!.Org);
        var rows = await db.WhatsAppAccounts.AsNoTracking().Where(a => a.Status == WhatsAppAccountStatus.CONNECTED).OrderBy(a => a.CreatedAt)
            .Select(a => new { a.Id, a.Alias }).ToListAsync();
        return rows.Select(a => (a.Id, a.Alias)).ToList();
    }

    private Task CreateAsync() => OpenAsync("New template", null);

    private Task EditAsync(TemplateDto template) => OpenAsync($"{template.Name} ({template.Language})", template);

    private async Task OpenAsync(string title, TemplateDto? template)
    {
        var accounts = await AccountsAsync();
        if (template is null && accounts.Count == 0)
        {
            Snackbar.Add("Connect a WhatsApp number first (Settings › Channels): templates belong to a WhatsApp account", Severity.Warning);
            return;
        }
        var dialog = await Dialogs.ShowAsync<TemplateEditorDialog>(title, new DialogParameters<TemplateEditorDialog>
        {
            { d => d.Actor, actor! }, { d => d.Template, template }, { d => d.Accounts, accounts },
        }, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
        await ReloadAsync();
    }

    private Task DuplicateAsync(TemplateDto template) => RunAsync(async () =>
    {
        var copy = await Templates.DuplicateAsync(actor!, template.Id, null);
        Snackbar.Add($"Draft {copy.Name} created", Severity.Success);
    });

    private async Task DeleteAsync(TemplateDto template)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete template",
            $"Delete {template.Name} ({template.Language}) here? Meta keeps it until you delete it in WhatsApp Manager.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            await Templates.DeleteAsync(actor!, template.Id);
            Snackbar.Add($"{template.Name} deleted", Severity.Success);
        });
    }

    private Task SyncAsync() => RunAsync(async () =>
    {
        var result = await Templates.SyncAsync(actor!, null);
        Snackbar.Add($"Synced {result.Accounts} account(s): {result.Created} added, {result.Updated} updated, {result.Removed} removed", Severity.Success);
    });

    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        try
        {
            await action();
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            busy = false;
        }
        await ReloadAsync();
    }

    public void Dispose() => subscription?.Dispose();
}
