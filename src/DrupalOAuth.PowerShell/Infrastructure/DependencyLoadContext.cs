using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// PowerShell 7: the engine and its dependencies in a load context of their own, the PowerShell team's pattern
    /// for modules that must not clash with others (Az, Microsoft.Graph, PnP bring other versions of System.Text.Json
    /// and Microsoft.Extensions.*). It serves what our Dependencies folder holds, unless the framework has the same
    /// version or a newer one: framework assemblies (System.Memory's span types above all) must exist once, and
    /// PowerShell's own (System.Management.Automation) and DrupalOAuth.Contracts come from the default context.
    /// Only touched on .NET Core: Windows PowerShell has no load contexts.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private const string EngineName = "DrupalOAuth.Engine";
        private static readonly object Gate = new object();
        private static DependencyLoadContext? _instance;

        private readonly string _folder;
        private readonly Dictionary<string, string> _framework;

        private DependencyLoadContext(string folder)
        {
            _folder = folder;
            _framework = FrameworkAssemblies();
        }

        /// <summary>
        /// Makes the default context ask this one for the engine, and only for the engine; once for the process,
        /// however many runspaces import the module.
        /// </summary>
        public static void Register(string folder)
        {
            lock (Gate)
            {
                if (_instance != null)
                {
                    return;
                }

                var context = new DependencyLoadContext(folder);
                Default.Resolving += (defaultContext, name) =>
                    string.Equals(name.Name, EngineName, StringComparison.Ordinal) ? context.LoadFromAssemblyName(name) : null;
                _instance = context;
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(_folder, assemblyName.Name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            return _framework.TryGetValue(assemblyName.Name!, out var frameworkPath)
                   && AssemblyName.GetAssemblyName(frameworkPath).Version >= AssemblyName.GetAssemblyName(path).Version
                ? null
                : LoadFromAssemblyPath(path);
        }

        /// <summary>
        /// The runtime's own assemblies (its trusted platform assemblies), name to path; their versions are read only
        /// for the few names our folder also has, so that importing the module stays fast.
        /// </summary>
        private static Dictionary<string, string> FrameworkAssemblies()
        {
            var assemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
            {
                assemblies[Path.GetFileNameWithoutExtension(path)] = path;
            }

            return assemblies;
        }
    }
}
