using System.Reflection;

namespace DrupalOAuth.Tests.Support;

/// <summary>Walks the public surface of an assembly for types that a future AssemblyLoadContext will isolate.</summary>
public static class PublicApi
{
    private static readonly string[] IsolatedNamespaces = { "System.Text.Json", "Microsoft.Extensions" };

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static bool IsIsolated(string? name) =>
        name != null && IsolatedNamespaces.Any(ns => name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal));

    /// <summary>Each place where a visible signature of a visible type mentions an isolated type, as "Type.Member: what".</summary>
    public static IReadOnlyList<string> IsolatedTypeMentions(Assembly assembly)
    {
        var mentions = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            void Check(string where, Type? mentioned)
            {
                foreach (var isolated in Walk(mentioned).Where(t => IsIsolated(t.Namespace)))
                {
                    mentions.Add($"{type.FullName}.{where} mentions {isolated.FullName}");
                }
            }

            Check("(base type)", type.BaseType);
            foreach (var implemented in type.GetInterfaces())
            {
                Check("(interface)", implemented);
            }

            foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
            {
                Check($"Field: {field.Name}", field.FieldType);
            }

            foreach (var property in type.GetProperties(Declared).Where(p => p.GetAccessors(nonPublic: true).Any(IsVisible)))
            {
                Check($"Property: {property.Name}", property.PropertyType);
            }

            foreach (var e in type.GetEvents(Declared).Where(e => e.AddMethod != null && IsVisible(e.AddMethod)))
            {
                Check($"Event: {e.Name}", e.EventHandlerType);
            }

            foreach (var method in type.GetMethods(Declared).Where(m => IsVisible(m) && !m.IsSpecialName))
            {
                Check($"{method.Name}(return)", method.ReturnType);
                foreach (var parameter in method.GetParameters())
                {
                    Check($"{method.Name}(parameter {parameter.Name})", parameter.ParameterType);
                }
            }

            foreach (var constructor in type.GetConstructors(Declared).Where(IsVisible))
            {
                foreach (var parameter in constructor.GetParameters())
                {
                    Check($"ctor(parameter {parameter.Name})", parameter.ParameterType);
                }
            }
        }

        return mentions.Distinct().ToList();
    }

    private static bool IsVisible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    /// <summary>The type and every type it is made of: generic arguments, array elements, ref and pointer targets.</summary>
    private static IEnumerable<Type> Walk(Type? type)
    {
        if (type == null)
        {
            yield break;
        }

        yield return type;
        if (type.HasElementType)
        {
            foreach (var inner in Walk(type.GetElementType()))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Walk))
            {
                yield return inner;
            }
        }
    }
}
