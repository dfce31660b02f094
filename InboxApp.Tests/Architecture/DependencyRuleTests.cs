using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;
using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Messaging;
using InboxApp.Core.Webhooks;

namespace InboxApp.Tests.Architecture;

/// <summary>
/// The dependency rule between the channel adapters and the domain (ADR 0034, docs/conventions.md): Channels → Messaging and
/// Channels → Webhooks, never back; Messaging never references Channels; Webhooks references neither. Checked twice: over
/// the compiled types of InboxApp.Core (base types, interfaces, fields, properties, signatures, locals and every type and
/// member a method body's IL names, lambdas and async state machines included), and over the source (using directives and
/// qualified names, which also catch inlined constants the IL no longer shows).
/// </summary>
public sealed class DependencyRuleTests
{
    private const string Channels = "InboxApp.Core.Channels";
    private const string Messaging = "InboxApp.Core.Messaging";
    private const string Webhooks = "InboxApp.Core.Webhooks";

    /// <summary>Each area and the areas it must not reference.</summary>
    public static TheoryData<string, string> Forbidden => new()
    {
        { Messaging, Channels },
        { Webhooks, Channels },
        { Webhooks, Messaging },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Compiled_types_of_an_area_do_not_reference_a_forbidden_area(string area, string forbidden)
    {
        var violations = CoreTypes().Where(t => In(t, area))
            .SelectMany(t => References(t).Where(r => In(r.To, forbidden)).Select(r => $"{t.FullName} → {r.To.FullName} ({r.Where})"))
            .Distinct().ToList();
        Assert.True(violations.Count == 0, $"{area} must not reference {forbidden}:\n" + string.Join("\n", violations));
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Source_files_of_an_area_do_not_name_a_forbidden_area(string area, string forbidden)
    {
        var violations = SourceViolations(area, forbidden).ToList();
        Assert.True(violations.Count == 0, $"{area} must not reference {forbidden}:\n" + string.Join("\n", violations));
    }

    /// <summary>The checks can fail: they see the allowed direction, including references only a method body makes.</summary>
    [Fact]
    public void The_checks_see_references_in_signatures_and_in_method_bodies()
    {
        // CloudApiSender implements Messaging's port (a signature); CloudApiMediaSource creates MediaFetchResult.Fetched only
        // inside its async body (the state machine's IL).
        Assert.Contains(References(typeof(CloudApiSender)), r => r.To == typeof(IChannelSender));
        var bodyOnly = CoreTypes().Where(t => t == typeof(CloudApiMediaSource) || t.DeclaringType == typeof(CloudApiMediaSource)).SelectMany(References);
        Assert.Contains(bodyOnly, r => r.To == typeof(MediaFetchResult.Fetched) && r.Where.StartsWith("body of"));
        Assert.Contains(CoreTypes().Where(t => In(t, Channels)).SelectMany(References), r => In(r.To, Webhooks));
        Assert.NotEmpty(SourceViolations(Channels, Messaging));
        Assert.NotEmpty(SourceViolations(Channels, Webhooks));
        Assert.Contains(typeof(WebhookWorker), CoreTypes());
    }

    private static bool In(Type type, string area) =>
        type.Namespace is { } ns && (ns == area || ns.StartsWith(area + ".", StringComparison.Ordinal));

    private static IEnumerable<Type> CoreTypes() => typeof(Message).Assembly.GetTypes();

    private sealed record Reference(Type To, string Where);

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<Reference> References(Type type)
    {
        var found = new List<Reference>();
        void Add(Type? t, string where)
        {
            if (t is null) return;
            if (t.HasElementType) { Add(t.GetElementType(), where); return; }
            if (t.IsGenericParameter) return;
            found.Add(new Reference(t, where));
            if (t.IsConstructedGenericType) foreach (var a in t.GetGenericArguments()) Add(a, where);
        }

        Add(type.BaseType, "base type");
        foreach (var i in type.GetInterfaces()) Add(i, "interface");
        foreach (var f in type.GetFields(Declared)) Add(f.FieldType, "field " + f.Name);
        foreach (var p in type.GetProperties(Declared)) Add(p.PropertyType, "property " + p.Name);
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo mi) Add(mi.ReturnType, "return of " + m.Name);
            foreach (var p in m.GetParameters()) Add(p.ParameterType, "parameter of " + m.Name);
            MethodBody? body;
            try { body = m.GetMethodBody(); } catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { body = null; }
            if (body is null) continue;
            foreach (var local in body.LocalVariables) Add(local.LocalType, "local of " + m.Name);
            foreach (var t in BodyTypes(m, body)) Add(t, "body of " + m.Name);
        }
        return found;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Every type a method's IL names: the declaring types of the methods and fields it uses and the types it tokens.</summary>
    private static IEnumerable<Type> BodyTypes(MethodBase method, MethodBody body)
    {
        var il = body.GetILAsByteArray() ?? [];
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var types = new List<Type>();
        for (var pos = 0; pos < il.Length;)
        {
            short value = il[pos++];
            if (value == 0xFE) value = (short)(0xFE00 | il[pos++]);
            if (!OpCodesByValue.TryGetValue(value, out var op))
                throw new InvalidOperationException($"Unknown IL opcode 0x{value:X} in {method.DeclaringType}.{method.Name}");
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: pos += 1; break;
                case OperandType.InlineVar: pos += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: pos += 8; break;
                case OperandType.InlineSwitch: pos += 4 + 4 * BitConverter.ToInt32(il, pos); break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, pos);
                    pos += 4;
                    MemberInfo? member;
                    try { member = method.Module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or TypeLoadException or MissingMemberException or IOException) { member = null; }
                    switch (member)
                    {
                        case Type t: types.Add(t); break;
                        case MethodInfo { IsGenericMethod: true } g: types.Add(g.DeclaringType!); types.AddRange(g.GetGenericArguments()); break;
                        case { DeclaringType: { } owner }: types.Add(owner); break;
                    }
                    break;
                default: pos += 4; break; // InlineI, InlineBrTarget, InlineString, InlineSig, ShortInlineR
            }
        }
        return types;
    }

    private static string CoreSourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "InboxApp.sln"))) return Path.Combine(dir.FullName, "InboxApp.Core");
        throw new DirectoryNotFoundException("InboxApp.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// Source lines of the area's files (by their namespace, wherever they lie) that import or name the forbidden area:
    /// <c>using</c> directives (aliases and statics too) and qualified names such as <c>Channels.WhatsApp.X</c> outside comments.
    /// </summary>
    private static IEnumerable<string> SourceViolations(string area, string forbidden)
    {
        var leaf = forbidden[(forbidden.LastIndexOf('.') + 1)..];
        var named = new Regex($@"(?<![\w.])(InboxApp\.Core\.)?{leaf}\.[A-Z]");
        var root = CoreSourceDirectory();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}")) continue;
            var lines = File.ReadAllLines(file);
            var ns = lines.Select(l => Regex.Match(l, @"^namespace\s+([\w.]+)")).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            if (ns is null || !(ns == area || ns.StartsWith(area + ".", StringComparison.Ordinal))) continue;
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].Split("//")[0];
                if (Regex.IsMatch(code, $@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?{Regex.Escape(forbidden)}\b") || named.IsMatch(code))
                    yield return $"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}";
            }
        }
    }
}
