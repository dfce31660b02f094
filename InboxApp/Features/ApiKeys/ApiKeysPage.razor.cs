using System.Globalization;
using InboxApp.Auth;
using InboxApp.Components.Shared;
using InboxApp.Core.ApiKeys;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace InboxApp.Features.ApiKeys;

public partial class ApiKeysPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private ApiKeyService Keys { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private Actor? actor;
    private List<ApiKeyDto>? keys;
    private CreatedApiKeyDto? created;
    private string newName = "";
    private string? error;
    private bool busy;
    private bool copied;

    /// <summary>API keys belong to one organization and act as its admin: only its admins manage them.</summary>
    private bool CanManage => actor is { Role: UserRole.ADMIN, OrganizationId: not null };

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (CanManage) await ReloadAsync();
    }

    private async Task ReloadAsync() => keys = [.. await Keys.ListAsync(actor!)];

    private async Task CreateAsync()
    {
        error = null;
        busy = true;
        try
        {
            created = await Keys.CreateAsync(actor!, newName, null);
            copied = false;
            newName = "";
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            error = e.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CopyAsync()
    {
        if (created is null) return;
        try
        {
            await JS.InvokeVoidAsync("inboxApp.copyText", created.Key);
            copied = true;
        }
        catch (JSException)
        {
            Snackbar.Add("Copy failed: select the key and copy it by hand.", Severity.Warning);
        }
    }

    private async Task SetActiveAsync(ApiKeyDto key, bool active)
    {
        try
        {
            var updated = await Keys.UpdateAsync(actor!, key.Id, null, active);
            Snackbar.Add(active ? $"“{updated.Name}” is active again" : $"“{updated.Name}” is turned off; calls with it are refused", Severity.Info);
        }
        catch (InboxException e)
        {
            Snackbar.Add("Could not change the key: " + e.Message, Severity.Error);
        }
        await ReloadAsync();
    }

    private async Task DeleteAsync(ApiKeyDto key)
    {
        if (await Dialogs.ConfirmAndRunAsync(Snackbar,
                new Confirmation("Delete API key", $"Delete “{key.Name}”? Systems using it stop working at once. This cannot be undone.", "Delete"),
                () => Keys.DeleteAsync(actor!, key.Id), $"“{key.Name}” deleted", "Could not delete the key"))
            await ReloadAsync();
    }

    private static string When(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
