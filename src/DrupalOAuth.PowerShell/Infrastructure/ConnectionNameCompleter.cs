using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DrupalOAuth.Connections;

namespace DrupalOAuth.Commands.Infrastructure
{
    /// <summary>Completes the names of the connections made in this process.</summary>
    public sealed class ConnectionNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern((wordToComplete ?? string.Empty).Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            return RunspaceConnections.Current.GetAll()
                .Where(c => pattern.IsMatch(c.Name))
                .Select(c => new CompletionResult(
                    c.Name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`' }) >= 0 ? "'" + c.Name.Replace("'", "''") + "'" : c.Name,
                    c.Name,
                    CompletionResultType.ParameterValue,
                    $"client '{c.ClientId}' at {c.SiteUri}"));
        }
    }
}
