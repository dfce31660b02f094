using System.Globalization;
using InboxApp.Auth;
using InboxApp.Components.Shared;
using InboxApp.Core.Messaging;
using InboxApp.Core.Channels.Accounts;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Channels;

public partial class ChannelsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject] private WhatsAppAccountService Accounts { get; set; } = default!;
    [Inject] private PhoneHealthService Health { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private Actor? actor;
    private List<WhatsAppAccountDto> accounts = [];
    private readonly Dictionary<Guid, PhoneHealthDto> health = [];
    private readonly HashSet<Guid> checking = [];
    private ChannelAlertsPanel? alertsPanel;

    private bool CanRead => actor is { OrganizationId: not null } a && a.AtLeast(UserRole.SUPERVISOR) && !a.IsSuperAdmin;
    private bool CanManage => CanRead && actor!.AtLeast(UserRole.ADMIN);

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState).User.ToActor();
        if (CanRead) await ReloadAsync();
    }

    /// <summary>Once the page is live, the health of every connected account is checked with Meta (not during prerendering).</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !CanRead || !RendererInfo.IsInteractive) return;
        var connected = accounts.Where(a => a.Status == WhatsAppAccountStatus.CONNECTED).ToList();
        if (connected.Count == 0) return;
        foreach (var number in connected.SelectMany(a => a.PhoneNumbers)) checking.Add(number.Id);
        StateHasChanged();
        foreach (var account in connected)
        {
            try
            {
                var result = await Health.CheckAccountAsync(actor!, account.Id);
                foreach (var number in result.PhoneNumbers) health[number.PhoneNumberId] = number;
            }
            catch (InboxException e)
            {
                Snackbar.Add($"Could not check {account.Alias}: {e.Message}", Severity.Warning);
            }
        }
        checking.Clear();
        await ReloadAsync();
        StateHasChanged();
    }

    private async Task ReloadAsync()
    {
        accounts = [.. await Accounts.ListAsync(actor!)];
        if (alertsPanel is not null) await alertsPanel.ReloadAsync();
    }

    private async Task CheckNumberAsync(PhoneNumberDto number)
    {
        checking.Add(number.Id);
        try
        {
            health[number.Id] = await Health.CheckNumberAsync(actor!, number.Id);
            await ReloadAsync();
        }
        catch (InboxException e)
        {
            Snackbar.Add("Could not check the number: " + e.Message, Severity.Error);
        }
        finally
        {
            checking.Remove(number.Id);
        }
    }

    private async Task ConnectAsync()
    {
        var dialog = await Dialogs.ShowAsync<ConnectManualDialog>("Connect a WhatsApp number", new DialogParameters<ConnectManualDialog> { { d => d.Actor, actor! } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if ((await dialog.Result)?.Data is not WhatsAppAccountDto connected) return;
        Snackbar.Add($"“{connected.Alias}” connected", Severity.Success);
        await ReloadAsync();
        if (connected.PhoneNumbers.FirstOrDefault(p => p.IsActive) is { } number) await CheckNumberAsync(number);
    }

    private async Task EditAsync(WhatsAppAccountDto account)
    {
        var dialog = await Dialogs.ShowAsync<EditAccountDialog>($"Edit {account.Alias}",
            new DialogParameters<EditAccountDialog> { { d => d.Actor, actor! }, { d => d.Account, account } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if ((await dialog.Result)?.Data is not WhatsAppAccountDto updated) return;
        Snackbar.Add($"“{updated.Alias}” saved", Severity.Success);
        await ReloadAsync();
    }

    private async Task DisconnectAsync(WhatsAppAccountDto account)
    {
        var confirmation = new Confirmation("Disconnect account",
            $"Disconnect “{account.Alias}”? Its numbers stop receiving and sending messages at once and the access token is forgotten. " +
            "Conversations and messages are kept; you can connect the number again later.", "Disconnect");
        if (await Dialogs.ConfirmAndRunAsync(Snackbar, confirmation, async () =>
            {
                await Accounts.DisconnectAsync(actor!, account.Id);
                foreach (var number in account.PhoneNumbers) health.Remove(number.Id);
            }, $"“{account.Alias}” disconnected", "Could not disconnect"))
            await ReloadAsync();
    }

    private static string When(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
