using InboxApp.Auth;
using InboxApp.Components.Shared;
using InboxApp.Core.Messaging;
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
    private const int PageSize = 25;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private TemplateService Templates { get; set; } = default!;
    [Inject] private TemplateNotifier Notifier { get; set; } = default!;
    [Inject] private InboxDb InboxDb { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private ServerGrid<TemplateDto>? grid;
    // The rows shown now (the grid's page), to tell which template a live update is about.
    private IReadOnlyList<TemplateDto> shown = [];
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
        if (RendererInfo.IsInteractive) subscription = Notifier.Subscribe(actor.Org, OnTemplateUpdatedAsync);
    }

    private Task OnTemplateUpdatedAsync(TemplateUpdated e) => InvokeAsync(async () =>
    {
        var row = shown.FirstOrDefault(t => t.Id == e.TemplateId);
        if (row is not null && row.Status.ToString() != e.Status)
            Snackbar.Add($"Template {e.Name} ({e.Language}) is now {e.Status}", e.Status is "REJECTED" or "PAUSED" or "DISABLED" ? Severity.Warning : Severity.Info);
        if (grid is not null) await grid.ReloadAsync(firstPage: false);
        StateHasChanged();
    });

    /// <summary>One page of <c>GET /templates</c>'s query (<see cref="TemplateService.ListAsync"/>) with the filters.</summary>
    private async Task<GridData<TemplateDto>> LoadAsync(int skip, int take, CancellationToken ct)
    {
        var page = await Templates.ListAsync(actor!, new TemplateFilter(status, category, string.IsNullOrWhiteSpace(language) ? null : language.Trim(),
            string.IsNullOrWhiteSpace(search) ? null : search.Trim()), skip, take, ct);
        shown = page.Items;
        return new GridData<TemplateDto> { Items = page.Items, TotalItems = page.Total };
    }

    /// <summary>After a filter changed: the first page again.</summary>
    private Task ReloadAsync() => grid?.ReloadAsync() ?? Task.CompletedTask;

    private void ResetFilters() => (search, language, status, category) = (null, null, null, null);

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
        if (grid is not null) await grid.ReloadAsync(firstPage: false);
    }

    private Task DuplicateAsync(TemplateDto template) => RunAsync(async () =>
    {
        var copy = await Templates.DuplicateAsync(actor!, template.Id, null);
        Snackbar.Add($"Draft {copy.Name} created", Severity.Success);
    });

    private async Task DeleteAsync(TemplateDto template)
    {
        var confirmation = new Confirmation("Delete template",
            $"Delete {template.Name} ({template.Language}) here? Meta keeps it until you delete it in WhatsApp Manager.", "Delete");
        if (await Dialogs.ConfirmAndRunAsync(Snackbar, confirmation, () => Templates.DeleteAsync(actor!, template.Id), $"{template.Name} deleted", failure: null)
            && grid is not null)
            await grid.ReloadAsync(firstPage: false);
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
        if (grid is not null) await grid.ReloadAsync(firstPage: false);
    }

    public void Dispose() => subscription?.Dispose();
}
