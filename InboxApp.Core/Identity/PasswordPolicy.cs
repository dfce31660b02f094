using System.Collections.Frozen;
using InboxApp.Core.Common;

namespace InboxApp.Core.Identity;

/// <summary>
/// The rules for a new password (registration, first password, change, invitation, a user created with one): at least
/// <see cref="MinLength"/> characters, letters and a digit or symbol, and not one of the 10,000 most common passwords
/// (the embedded <c>common-passwords.txt</c>, compared without regard to case), also not with digits or symbols added
/// before or after one (<c>password123</c>, <c>Qwerty2024!</c>). Signing in never checks it: passwords set
/// under an older policy keep working.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    /// <summary>The rules in one sentence, for the hints beside password fields.</summary>
    public const string Hint = "At least 10 characters, with letters and a digit or symbol; not a common password.";

    private const string ListResource = "InboxApp.Core.Identity.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommonPasswords);

    /// <summary>Throws VALIDATION_ERROR on <paramref name="field"/> when the password is too weak.</summary>
    public static void Check(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            throw InboxException.Invalid(field, $"Password must be at least {MinLength} characters");
        if (password.Length > MaxLength)
            throw InboxException.Invalid(field, $"Password must be at most {MaxLength} characters");
        if (!password.Any(char.IsLetter) || !password.Any(c => !char.IsLetter(c)))
            throw InboxException.Invalid(field, "Password must contain letters and at least one digit or symbol");
        if (IsCommon(password) || IsCommon(Core(password)))
            throw InboxException.Invalid(field, "This password is one of the most common passwords; choose another");
    }

    /// <summary>Whether <paramref name="password"/> is on the list of the 10,000 most common passwords (any case).</summary>
    public static bool IsCommon(string password) => Common.Value.Contains(password);

    /// <summary>
    /// The password without the digits and symbols before and after its letters: <c>Password123!</c> is <c>Password</c>.
    /// The list holds few passwords of 10 characters or more, and the usual way to meet a length rule is to add digits
    /// to a common word; such a password is as common as the word (the first thing a guesser tries).
    /// </summary>
    private static string Core(string password)
    {
        int start = 0, end = password.Length;
        while (start < end && !char.IsLetter(password[start])) start++;
        while (end > start && !char.IsLetter(password[end - 1])) end--;
        return password[start..end];
    }

    /// <summary>How many passwords the embedded list holds.</summary>
    public static int CommonCount => Common.Value.Count;

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(ListResource)
            ?? throw new InvalidOperationException($"The embedded resource {ListResource} is missing");
        using var reader = new StreamReader(stream);
        var words = new List<string>(10_000);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0) words.Add(line);
        }
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
