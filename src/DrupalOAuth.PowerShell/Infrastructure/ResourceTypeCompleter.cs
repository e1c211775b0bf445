using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using DrupalOAuth.Connections;
using DrupalOAuth.Diagnostics;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>
    /// Completes -EntityType (node, user, taxonomy_term, ...) and -Bundle (the bundles of the chosen entity type)
    /// from the JSON:API index of the current connection or the one given with -Connection, read once per connection.
    /// </summary>
    public sealed class ResourceTypeCompleter : IArgumentCompleter
    {
        /// <summary>Completion must not hang the prompt on a slow site.</summary>
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var types = ResourceTypes(fakeBoundParameters);
            var pattern = new WildcardPattern((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            IEnumerable<string> values;
            if (string.Equals(parameterName, "Bundle", StringComparison.OrdinalIgnoreCase))
            {
                var entityType = fakeBoundParameters["EntityType"] as string;
                values = types.Where(t => entityType == null || t.StartsWith(entityType + "--", StringComparison.Ordinal))
                    .Select(t => t.Substring(t.IndexOf("--", StringComparison.Ordinal) + 2));
            }
            else
            {
                values = types.Select(t => t.IndexOf("--", StringComparison.Ordinal) is var at && at > 0 ? t.Substring(0, at) : t);
            }

            return values.Distinct(StringComparer.Ordinal).Where(v => pattern.IsMatch(v))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }

        private static IReadOnlyList<string> ResourceTypes(IDictionary fakeBoundParameters)
        {
            var given = fakeBoundParameters["Connection"] is PSObject wrapped ? wrapped.BaseObject : fakeBoundParameters["Connection"];
            var connection = given as DrupalConnection ?? (given is string name ? RunspaceConnections.Current.Get(name) : RunspaceConnections.Current.Current);
            if (connection == null)
            {
                return Array.Empty<string>();
            }

            try
            {
                using var patience = new CancellationTokenSource(Patience);
                return connection.GetResourceTypesAsync(NullLog.Instance, patience.Token).GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is Errors.DrupalException || e is OperationCanceledException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
