using System.Collections.Generic;
using System.Text;

namespace DrupalOAuth.GraphQL
{
    /// <summary>
    /// Just enough of a GraphQL lexer to tell which operation a request runs, whether it is a mutation (a mutation
    /// must not be retried after a lost answer: it may have run already) and which variables it declares (paging
    /// sets <c>$after</c> or <c>$offset</c>).
    /// </summary>
    internal static class GraphQLDocument
    {
        /// <summary>
        /// True when the operation to run is a mutation (or a subscription). With several operations and no name,
        /// Drupal runs none of them, so the answer is whether any is one, to be safe.
        /// </summary>
        public static bool IsMutation(string query, string? operationName)
        {
            var operations = ReadOperations(query);
            var mutations = false;
            foreach (var (kind, name, _) in operations)
            {
                var isMutation = kind == "mutation" || kind == "subscription";
                if (operationName != null && name == operationName)
                {
                    return isMutation;
                }

                mutations |= isMutation;
            }

            return mutations;
        }

        /// <summary>The variables the operation to run declares, without their <c>$</c>.</summary>
        public static ISet<string> DeclaredVariables(string query, string? operationName)
        {
            var operations = ReadOperations(query);
            foreach (var (_, name, variables) in operations)
            {
                if (operationName == null || name == operationName)
                {
                    return variables;
                }
            }

            return new HashSet<string>();
        }

        /// <summary>
        /// The top-level operations: their keyword (query for the <c>{ ... }</c> shorthand), name and declared
        /// variables (the <c>$names</c> between the parentheses that follow the name).
        /// </summary>
        private static List<(string Kind, string? Name, HashSet<string> Variables)> ReadOperations(string query)
        {
            var operations = new List<(string, string?, HashSet<string>)>();
            var depth = 0;
            var inDefinitions = false;
            string? pendingKind = null;
            var skipNextName = false;
            var i = 0;
            while (i < query.Length)
            {
                var c = query[i];
                if (c == '#')
                {
                    // A lone \r ends a line too (old Mac files): running on to the next \n could hide a mutation.
                    while (i < query.Length && query[i] != '\n' && query[i] != '\r')
                    {
                        i++;
                    }
                }
                else if (c == '"')
                {
                    i = SkipString(query, i);
                    continue;
                }
                else if (c == '$' && inDefinitions && operations.Count > 0)
                {
                    i++;
                    operations[operations.Count - 1].Item3.Add(ReadName(query, ref i));
                    continue;
                }
                else if (c == '{' || c == '(' || c == '[')
                {
                    if (c == '{' && depth == 0 && pendingKind == null && !skipNextName)
                    {
                        operations.Add(("query", null, new HashSet<string>()));
                    }

                    // Only an operation's variable definitions open a parenthesis at the top level.
                    if (c == '(' && depth == 0 && pendingKind != null)
                    {
                        inDefinitions = true;
                    }

                    if (c == '{' && depth == 0)
                    {
                        pendingKind = null;
                        skipNextName = false;
                    }

                    depth++;
                }
                else if (c == '}' || c == ')' || c == ']')
                {
                    depth--;
                    inDefinitions &= depth > 0;
                }
                else if (depth == 0 && (char.IsLetter(c) || c == '_'))
                {
                    var word = ReadName(query, ref i);
                    if (word == "query" || word == "mutation" || word == "subscription")
                    {
                        pendingKind = word;
                        operations.Add((word, null, new HashSet<string>()));
                    }
                    else if (word == "fragment")
                    {
                        skipNextName = true;
                    }
                    else if (pendingKind != null && operations[operations.Count - 1].Item2 == null)
                    {
                        operations[operations.Count - 1] = (pendingKind, word, operations[operations.Count - 1].Item3);
                    }

                    continue;
                }

                i++;
            }

            return operations;
        }

        private static string ReadName(string text, ref int i)
        {
            var name = new StringBuilder();
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
            {
                name.Append(text[i++]);
            }

            return name.ToString();
        }

        private static int SkipString(string text, int i)
        {
            if (string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
            {
                // A block string's one escape, \""", does not end it: ending there would read the rest as operations.
                for (i += 3; i < text.Length; i++)
                {
                    if (string.CompareOrdinal(text, i, "\\\"\"\"", 0, 4) == 0)
                    {
                        i += 3;
                    }
                    else if (string.CompareOrdinal(text, i, "\"\"\"", 0, 3) == 0)
                    {
                        return i + 3;
                    }
                }

                return text.Length;
            }

            for (i++; i < text.Length && text[i] != '"' && text[i] != '\n'; i++)
            {
                if (text[i] == '\\')
                {
                    i++;
                }
            }

            return i + 1;
        }
    }
}
