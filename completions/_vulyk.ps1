
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'vulyk' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'vulyk'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'vulyk' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the default group with the task types every user may do, and put all users in it')
            [CompletionResult]::new('task-type', 'task-type', [CompletionResultType]::ParameterValue, 'Task types (plugins) and their task counts')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Groups of users and the task types they may do')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Volunteers and operators')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Who has admin rights')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Batches of tasks')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Loading tasks and exporting answers')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Progress of batches, recent work, and answer quality')
            [CompletionResult]::new('gold', 'gold', [CompletionResultType]::ParameterValue, 'Gold tasks: tasks with known answers that measure volunteers'' accuracy')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Achievement rules: what volunteers earn badges and bonus points for')
            [CompletionResult]::new('funds', 'funds', [CompletionResultType]::ParameterValue, 'Funds volunteers may give their coins to')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'What volunteers earned and gave, event by event')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'Volunteers'' levels, points and coins')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Who changed what: every change made with `vulyk` commands and the console')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhooks: the ones configured, and their deliveries')
            [CompletionResult]::new('plugin', 'plugin', [CompletionResultType]::ParameterValue, 'Make, import (from the original Vulyk) and check task-type plugins')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;init' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;task-type' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the task types: plugins, and types that have tasks but no plugin')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;task-type;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;task-type;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the task types: plugins, and types that have tasks but no plugin')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;task-type;help;list' {
            break
        }
        'vulyk;task-type;help;help' {
            break
        }
        'vulyk;group' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups with their task types and number of members')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a group')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a group (its members stay, without it)')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Add a user (username or e-mail) to a group')
            [CompletionResult]::new('resign', 'resign', [CompletionResultType]::ParameterValue, 'Remove a user (username or e-mail) from a group')
            [CompletionResult]::new('addtype', 'addtype', [CompletionResultType]::ParameterValue, 'Allow a group''s members to do a task type')
            [CompletionResult]::new('deltype', 'deltype', [CompletionResultType]::ParameterValue, 'Stop allowing a group''s members to do a task type')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;group;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;group;add' {
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'The original''s `--gid ID`')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;group;del' {
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'The original''s `--gid ID`')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;group;assign' {
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'gid')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'username')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;group;resign' {
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'gid')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'username')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;group;addtype' {
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'gid')
            [CompletionResult]::new('--task_type', '--task_type', [CompletionResultType]::ParameterName, 'task_type')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;group;deltype' {
            [CompletionResult]::new('--gid', '--gid', [CompletionResultType]::ParameterName, 'gid')
            [CompletionResult]::new('--task_type', '--task_type', [CompletionResultType]::ParameterName, 'task_type')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;group;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups with their task types and number of members')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a group')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a group (its members stay, without it)')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Add a user (username or e-mail) to a group')
            [CompletionResult]::new('resign', 'resign', [CompletionResultType]::ParameterValue, 'Remove a user (username or e-mail) from a group')
            [CompletionResult]::new('addtype', 'addtype', [CompletionResultType]::ParameterValue, 'Allow a group''s members to do a task type')
            [CompletionResult]::new('deltype', 'deltype', [CompletionResultType]::ParameterValue, 'Stop allowing a group''s members to do a task type')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;group;help;list' {
            break
        }
        'vulyk;group;help;add' {
            break
        }
        'vulyk;group;help;del' {
            break
        }
        'vulyk;group;help;assign' {
            break
        }
        'vulyk;group;help;resign' {
            break
        }
        'vulyk;group;help;addtype' {
            break
        }
        'vulyk;group;help;deltype' {
            break
        }
        'vulyk;group;help;help' {
            break
        }
        'vulyk;user' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a user; they join the default group')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user (by username or e-mail)')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a user who has given no answers')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password for the volunteers'' site, read from standard input')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage a user''s API tokens for scripted clients')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;user;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;add' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'email')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--admin', '--admin', [CompletionResultType]::ParameterName, 'Give the user admin rights')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;del' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;passwd' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from the first line of standard input (required: no prompts)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;token' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a user and print it on stdout (it is shown only this once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s tokens (ids and names; the secrets are not stored)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke one of a user''s tokens by its id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;user;token;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'What the token is for, shown by `list`')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;token;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;token;revoke' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;user;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a user and print it on stdout (it is shown only this once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s tokens (ids and names; the secrets are not stored)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke one of a user''s tokens by its id')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;user;token;help;create' {
            break
        }
        'vulyk;user;token;help;list' {
            break
        }
        'vulyk;user;token;help;revoke' {
            break
        }
        'vulyk;user;token;help;help' {
            break
        }
        'vulyk;user;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a user; they join the default group')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user (by username or e-mail)')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a user who has given no answers')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password for the volunteers'' site, read from standard input')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage a user''s API tokens for scripted clients')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;user;help;list' {
            break
        }
        'vulyk;user;help;add' {
            break
        }
        'vulyk;user;help;show' {
            break
        }
        'vulyk;user;help;del' {
            break
        }
        'vulyk;user;help;passwd' {
            break
        }
        'vulyk;user;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a user and print it on stdout (it is shown only this once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s tokens (ids and names; the secrets are not stored)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke one of a user''s tokens by its id')
            break
        }
        'vulyk;user;help;token;create' {
            break
        }
        'vulyk;user;help;token;list' {
            break
        }
        'vulyk;user;help;token;revoke' {
            break
        }
        'vulyk;user;help;help' {
            break
        }
        'vulyk;admin' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users with admin rights')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give a user (username or e-mail) admin rights')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take admin rights away from a user (username or e-mail)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;admin;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;admin;add' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;admin;remove' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;admin;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users with admin rights')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give a user (username or e-mail) admin rights')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take admin rights away from a user (username or e-mail)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;admin;help;list' {
            break
        }
        'vulyk;admin;help;add' {
            break
        }
        'vulyk;admin;help;remove' {
            break
        }
        'vulyk;admin;help;help' {
            break
        }
        'vulyk;batch' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batches in id order (the order they are handed out in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one batch with its meta')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a batch and its tasks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;batch;list' {
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only batches of this task type')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;batch;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;batch;del' {
            [CompletionResult]::new('--bid', '--bid', [CompletionResultType]::ParameterName, 'The original''s `--bid ID`')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--purge', '--purge', [CompletionResultType]::ParameterName, 'Also delete the answers and work sessions of its tasks (without it, a batch with answers is refused)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;batch;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batches in id order (the order they are handed out in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one batch with its meta')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a batch and its tasks')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;batch;help;list' {
            break
        }
        'vulyk;batch;help;show' {
            break
        }
        'vulyk;batch;help;del' {
            break
        }
        'vulyk;batch;help;help' {
            break
        }
        'vulyk;db' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the answers of a task type (closed tasks unless --include-open)')
            [CompletionResult]::new('cursors', 'cursors', [CompletionResultType]::ParameterValue, 'The named positions of incremental exports (db export --cursor)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store''s writes pause meanwhile; .gz/.bz2 names are compressed)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move an original Vulyk database to this version''s layout (until then it is only read)')
            [CompletionResult]::new('downgrade', 'downgrade', [CompletionResultType]::ParameterValue, 'Return an upgraded MongoDB database to the shape the original Vulyk runs on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;db;load' {
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Batch to load into [default: default]')
            [CompletionResult]::new('--meta', '--meta', [CompletionResultType]::ParameterName, 'Override a batch-meta default of the task type, for a new batch (the original''s `--meta KEY VALUE` works too)')
            [CompletionResult]::new('--rejects', '--rejects', [CompletionResultType]::ParameterName, 'File that receives the skipped lines verbatim')
            [CompletionResult]::new('--chunk-lines', '--chunk-lines', [CompletionResultType]::ParameterName, 'Lines per store write (tuning; the default suits most loads)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--extend', '--extend', [CompletionResultType]::ParameterName, 'Allow adding tasks to an existing batch other than default')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Skip lines that are not JSON objects instead of stopping (they go to --rejects)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Where to write; - for standard output. A name ending in .gz or .bz2 is compressed')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Where to write; - for standard output. A name ending in .gz or .bz2 is compressed')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Only this batch (the original''s `__all__` means every batch)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'jsonl: per task, the JSON array of its answers; csv: one row per answer')
            [CompletionResult]::new('--aggregate', '--aggregate', [CompletionResultType]::ParameterName, 'Add the consensus of each task. majority (what a bare --aggregate adds): the most frequent answer and its share of the answers; dawid-skene: also the label Dawid–Skene estimates from volunteers'' reliability, with its probability')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tasks that closed at or after TIME (RFC 3339, or a date: midnight UTC) and up to a minute ago; with --include-open, tasks whose newest answer came then')
            [CompletionResult]::new('--cursor', '--cursor', [CompletionResultType]::ParameterName, 'Only what is new since the last complete export with this cursor (everything, the first time); needs -o FILE; the cursor moves when the file is complete')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--all-batches', '--all-batches', [CompletionResultType]::ParameterName, 'Every batch of the type (what happens without --batch, said explicitly)')
            [CompletionResult]::new('--include-open', '--include-open', [CompletionResultType]::ParameterName, 'Also tasks that are still open (by default only closed tasks, whose answers are final)')
            [CompletionResult]::new('--with-sessions', '--with-sessions', [CompletionResultType]::ParameterName, 'Add each answer''s work session: start, end, duration and activity')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;cursors' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cursors: the scope each follows and the time up to which it has exported')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Forget a cursor: an export with it takes everything again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;db;cursors;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;cursors;del' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;cursors;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cursors: the scope each follows and the time up to which it has exported')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Forget a cursor: an export with it takes everything again')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;db;cursors;help;list' {
            break
        }
        'vulyk;db;cursors;help;del' {
            break
        }
        'vulyk;db;cursors;help;help' {
            break
        }
        'vulyk;db;backup' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;copy' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The store to copy from [default: the configured database, --db]')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The store to copy into: a new SQLite file, or an empty store')
            [CompletionResult]::new('--page-rows', '--page-rows', [CompletionResultType]::ParameterName, 'Rows per page read and written (tuning; the default suits most stores)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--resume', '--resume', [CompletionResultType]::ParameterName, 'Go on with a copy into --to that stopped before it finished (from the same source)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;upgrade' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm: the original Vulyk does not run on the database again until `db downgrade`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;downgrade' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm: what the original has no place for (API tokens, sign-in identities, sessions, our counters) is dropped')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;db;help' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the answers of a task type (closed tasks unless --include-open)')
            [CompletionResult]::new('cursors', 'cursors', [CompletionResultType]::ParameterValue, 'The named positions of incremental exports (db export --cursor)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store''s writes pause meanwhile; .gz/.bz2 names are compressed)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move an original Vulyk database to this version''s layout (until then it is only read)')
            [CompletionResult]::new('downgrade', 'downgrade', [CompletionResultType]::ParameterValue, 'Return an upgraded MongoDB database to the shape the original Vulyk runs on')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;db;help;load' {
            break
        }
        'vulyk;db;help;export' {
            break
        }
        'vulyk;db;help;cursors' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cursors: the scope each follows and the time up to which it has exported')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Forget a cursor: an export with it takes everything again')
            break
        }
        'vulyk;db;help;cursors;list' {
            break
        }
        'vulyk;db;help;cursors;del' {
            break
        }
        'vulyk;db;help;backup' {
            break
        }
        'vulyk;db;help;copy' {
            break
        }
        'vulyk;db;help;upgrade' {
            break
        }
        'vulyk;db;help;downgrade' {
            break
        }
        'vulyk;db;help;help' {
            break
        }
        'vulyk;stats' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers')
            [CompletionResult]::new('overview', 'overview', [CompletionResultType]::ParameterValue, 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task')
            [CompletionResult]::new('leaders', 'leaders', [CompletionResultType]::ParameterValue, 'The volunteers with the most answers of a task type, densely ranked')
            [CompletionResult]::new('quality', 'quality', [CompletionResultType]::ParameterValue, 'Agreement per batch (Krippendorff''s alpha) and each volunteer''s reliability (Dawid–Skene''s estimate of the share of their labels that are right)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;stats;batch' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only this batch')
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Only this batch')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only batches of this task type')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only batches of this task type')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;stats;overview' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;stats;leaders' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many distinct answer counts to show (ties share a rank)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;stats;quality' {
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Only this batch')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;stats;help' {
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers')
            [CompletionResult]::new('overview', 'overview', [CompletionResultType]::ParameterValue, 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task')
            [CompletionResult]::new('leaders', 'leaders', [CompletionResultType]::ParameterValue, 'The volunteers with the most answers of a task type, densely ranked')
            [CompletionResult]::new('quality', 'quality', [CompletionResultType]::ParameterValue, 'Agreement per batch (Krippendorff''s alpha) and each volunteer''s reliability (Dawid–Skene''s estimate of the share of their labels that are right)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;stats;help;batch' {
            break
        }
        'vulyk;stats;help;overview' {
            break
        }
        'vulyk;stats;help;leaders' {
            break
        }
        'vulyk;stats;help;quality' {
            break
        }
        'vulyk;stats;help;help' {
            break
        }
        'vulyk;gold' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a type''s gold tasks with their expected answers')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete gold tasks by id, or a whole batch of them, with the answers given to them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;gold;load' {
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'A name to list and delete them by')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;gold;list' {
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Only this batch')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;gold;del' {
            [CompletionResult]::new('--batch', '--batch', [CompletionResultType]::ParameterName, 'Every gold task of this batch')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;gold;help' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a type''s gold tasks with their expected answers')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete gold tasks by id, or a whole batch of them, with the answers given to them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;gold;help;load' {
            break
        }
        'vulyk;gold;help;list' {
            break
        }
        'vulyk;gold;help;del' {
            break
        }
        'vulyk;gold;help;help' {
            break
        }
        'vulyk;rules' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List achievement rules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one rule')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a rule')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change the given fields of a rule (volunteers who earned it keep it)')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a rule (volunteers who earned it keep it in their history)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every rule as JSON lines, as `import` reads them')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;rules;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Unique name shown to volunteers')
            [CompletionResult]::new('--badge', '--badge', [CompletionResultType]::ParameterName, 'Badge image: a URL or a data URI')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--bonus', '--bonus', [CompletionResultType]::ParameterName, 'Extra points paid when the rule is earned')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'Finished tasks needed (within --days when given)')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days with work needed (or the window for --tasks; weekends with --weekend)')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Only work of this task type counts')
            [CompletionResult]::new('--id', '--id', [CompletionResultType]::ParameterName, 'Rule id [default: derived from the name and task type]')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--weekend', '--weekend', [CompletionResultType]::ParameterName, 'Count only work on Saturdays and Sundays')
            [CompletionResult]::new('--adjacent', '--adjacent', [CompletionResultType]::ParameterName, 'The days (or weekends) must be consecutive, ending today')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;edit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--badge', '--badge', [CompletionResultType]::ParameterName, 'badge')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--bonus', '--bonus', [CompletionResultType]::ParameterName, 'bonus')
            [CompletionResult]::new('--tasks', '--tasks', [CompletionResultType]::ParameterName, 'tasks')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'days')
            [CompletionResult]::new('--weekend', '--weekend', [CompletionResultType]::ParameterName, 'weekend')
            [CompletionResult]::new('--adjacent', '--adjacent', [CompletionResultType]::ParameterName, 'adjacent')
            [CompletionResult]::new('--task-type', '--task-type', [CompletionResultType]::ParameterName, 'Task type, or an empty value for every type')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;del' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of standard output')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;simulate' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only this volunteer (username or e-mail)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;rules;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List achievement rules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one rule')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a rule')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change the given fields of a rule (volunteers who earned it keep it)')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a rule (volunteers who earned it keep it in their history)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every rule as JSON lines, as `import` reads them')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;rules;help;list' {
            break
        }
        'vulyk;rules;help;show' {
            break
        }
        'vulyk;rules;help;add' {
            break
        }
        'vulyk;rules;help;edit' {
            break
        }
        'vulyk;rules;help;del' {
            break
        }
        'vulyk;rules;help;import' {
            break
        }
        'vulyk;rules;help;export' {
            break
        }
        'vulyk;rules;help;simulate' {
            break
        }
        'vulyk;rules;help;help' {
            break
        }
        'vulyk;funds' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List funds')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one fund')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a fund')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change the given fields of a fund')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a fund that received no donations')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;funds;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--donatable', '--donatable', [CompletionResultType]::ParameterName, 'Only funds that take donations')
            [CompletionResult]::new('--non-donatable', '--non-donatable', [CompletionResultType]::ParameterName, 'Only funds that do not')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;funds;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;funds;add' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'HTML allowed')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'site')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'email')
            [CompletionResult]::new('--logo', '--logo', [CompletionResultType]::ParameterName, 'A PNG, JPEG or WebP image of at most 512 KiB')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--donatable', '--donatable', [CompletionResultType]::ParameterName, 'Volunteers may give coins to it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;funds;edit' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--site', '--site', [CompletionResultType]::ParameterName, 'New site, or an empty value for none')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'New e-mail address, or an empty value for none')
            [CompletionResult]::new('--donatable', '--donatable', [CompletionResultType]::ParameterName, 'donatable')
            [CompletionResult]::new('--logo', '--logo', [CompletionResultType]::ParameterName, 'Replace the logo with this image')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--no-logo', '--no-logo', [CompletionResultType]::ParameterName, 'Remove the logo')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;funds;del' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Confirm the deletion')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;funds;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List funds')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one fund')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a fund')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change the given fields of a fund')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a fund that received no donations')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;funds;help;list' {
            break
        }
        'vulyk;funds;help;show' {
            break
        }
        'vulyk;funds;help;add' {
            break
        }
        'vulyk;funds;help;edit' {
            break
        }
        'vulyk;funds;help;del' {
            break
        }
        'vulyk;funds;help;help' {
            break
        }
        'vulyk;events' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'A volunteer''s events, oldest first: answers paid, achievements, levels, donations')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;events;list' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Username or e-mail')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--unseen', '--unseen', [CompletionResultType]::ParameterName, 'Only those the volunteer has not seen yet')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;events;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'A volunteer''s events, oldest first: answers paid, achievements, levels, donations')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;events;help;list' {
            break
        }
        'vulyk;events;help;help' {
            break
        }
        'vulyk;state' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A volunteer''s level, points, coins and achievements')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'The top volunteers by one measure')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;state;show' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;state;top' {
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'points, actual_coins, potential_coins or level')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;state;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A volunteer''s level, points, coins and achievements')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'The top volunteers by one measure')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;state;help;show' {
            break
        }
        'vulyk;state;help;top' {
            break
        }
        'vulyk;state;help;help' {
            break
        }
        'vulyk;audit' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The changes made with `vulyk` commands and the console, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;audit;list' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only changes at or after TIME (RFC 3339, or a date: its midnight UTC)')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Only changes made by this operating-system user')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;audit;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The changes made with `vulyk` commands and the console, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;audit;help;list' {
            break
        }
        'vulyk;audit;help;help' {
            break
        }
        'vulyk;webhooks' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The webhooks of the configuration: name, address, events and retry settings')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Queue a webhook.test event for a webhook and wait for a server to deliver it')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Deliveries, newest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Queue a delivery again (a dead one, say), its tries counted anew')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;webhooks;list' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;webhooks;test' {
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'How long to wait for the outcome, in seconds (0: only queue it)')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;webhooks;deliveries' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'At most this many')
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only those whose last try failed (dead, or waiting for another try)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;webhooks;retry' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;webhooks;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The webhooks of the configuration: name, address, events and retry settings')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Queue a webhook.test event for a webhook and wait for a server to deliver it')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Deliveries, newest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Queue a delivery again (a dead one, say), its tries counted anew')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;webhooks;help;list' {
            break
        }
        'vulyk;webhooks;help;test' {
            break
        }
        'vulyk;webhooks;help;deliveries' {
            break
        }
        'vulyk;webhooks;help;retry' {
            break
        }
        'vulyk;webhooks;help;help' {
            break
        }
        'vulyk;plugin' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;plugin;new' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--gamified', '--gamified', [CompletionResultType]::ParameterName, 'Volunteers earn points and coins for its tasks')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;plugin;import' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;plugin;check' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;plugin;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;plugin;help;new' {
            break
        }
        'vulyk;plugin;help;import' {
            break
        }
        'vulyk;plugin;help;check' {
            break
        }
        'vulyk;plugin;help;help' {
            break
        }
        'vulyk;completions' {
            [CompletionResult]::new('--db', '--db', [CompletionResultType]::ParameterName, 'Database: a SQLite file path, sqlite:PATH, or mongodb://HOST/DB [default: vulyk.db]')
            [CompletionResult]::new('--plugins', '--plugins', [CompletionResultType]::ParameterName, 'Folder of task-type plugins (one sub-folder with plugin.toml each) [default: plugins]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Configuration file [default: ./vulyk.toml when present]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print results as JSON instead of tables')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'vulyk;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the default group with the task types every user may do, and put all users in it')
            [CompletionResult]::new('task-type', 'task-type', [CompletionResultType]::ParameterValue, 'Task types (plugins) and their task counts')
            [CompletionResult]::new('group', 'group', [CompletionResultType]::ParameterValue, 'Groups of users and the task types they may do')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Volunteers and operators')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Who has admin rights')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Batches of tasks')
            [CompletionResult]::new('db', 'db', [CompletionResultType]::ParameterValue, 'Loading tasks and exporting answers')
            [CompletionResult]::new('stats', 'stats', [CompletionResultType]::ParameterValue, 'Progress of batches, recent work, and answer quality')
            [CompletionResult]::new('gold', 'gold', [CompletionResultType]::ParameterValue, 'Gold tasks: tasks with known answers that measure volunteers'' accuracy')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Achievement rules: what volunteers earn badges and bonus points for')
            [CompletionResult]::new('funds', 'funds', [CompletionResultType]::ParameterValue, 'Funds volunteers may give their coins to')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'What volunteers earned and gave, event by event')
            [CompletionResult]::new('state', 'state', [CompletionResultType]::ParameterValue, 'Volunteers'' levels, points and coins')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Who changed what: every change made with `vulyk` commands and the console')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhooks: the ones configured, and their deliveries')
            [CompletionResult]::new('plugin', 'plugin', [CompletionResultType]::ParameterValue, 'Make, import (from the original Vulyk) and check task-type plugins')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'vulyk;help;init' {
            break
        }
        'vulyk;help;task-type' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the task types: plugins, and types that have tasks but no plugin')
            break
        }
        'vulyk;help;task-type;list' {
            break
        }
        'vulyk;help;group' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List groups with their task types and number of members')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a group')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a group (its members stay, without it)')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Add a user (username or e-mail) to a group')
            [CompletionResult]::new('resign', 'resign', [CompletionResultType]::ParameterValue, 'Remove a user (username or e-mail) from a group')
            [CompletionResult]::new('addtype', 'addtype', [CompletionResultType]::ParameterValue, 'Allow a group''s members to do a task type')
            [CompletionResult]::new('deltype', 'deltype', [CompletionResultType]::ParameterValue, 'Stop allowing a group''s members to do a task type')
            break
        }
        'vulyk;help;group;list' {
            break
        }
        'vulyk;help;group;add' {
            break
        }
        'vulyk;help;group;del' {
            break
        }
        'vulyk;help;group;assign' {
            break
        }
        'vulyk;help;group;resign' {
            break
        }
        'vulyk;help;group;addtype' {
            break
        }
        'vulyk;help;group;deltype' {
            break
        }
        'vulyk;help;user' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List users')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create a user; they join the default group')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one user (by username or e-mail)')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a user who has given no answers')
            [CompletionResult]::new('passwd', 'passwd', [CompletionResultType]::ParameterValue, 'Set a user''s password for the volunteers'' site, read from standard input')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Manage a user''s API tokens for scripted clients')
            break
        }
        'vulyk;help;user;list' {
            break
        }
        'vulyk;help;user;add' {
            break
        }
        'vulyk;help;user;show' {
            break
        }
        'vulyk;help;user;del' {
            break
        }
        'vulyk;help;user;passwd' {
            break
        }
        'vulyk;help;user;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a token for a user and print it on stdout (it is shown only this once)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a user''s tokens (ids and names; the secrets are not stored)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke one of a user''s tokens by its id')
            break
        }
        'vulyk;help;user;token;create' {
            break
        }
        'vulyk;help;user;token;list' {
            break
        }
        'vulyk;help;user;token;revoke' {
            break
        }
        'vulyk;help;admin' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the users with admin rights')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Give a user (username or e-mail) admin rights')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Take admin rights away from a user (username or e-mail)')
            break
        }
        'vulyk;help;admin;list' {
            break
        }
        'vulyk;help;admin;add' {
            break
        }
        'vulyk;help;admin;remove' {
            break
        }
        'vulyk;help;batch' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List batches in id order (the order they are handed out in)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one batch with its meta')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a batch and its tasks')
            break
        }
        'vulyk;help;batch;list' {
            break
        }
        'vulyk;help;batch;show' {
            break
        }
        'vulyk;help;batch;del' {
            break
        }
        'vulyk;help;db' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load tasks from JSON-lines files (plain, gzip or bzip2, recognised by content)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Export the answers of a task type (closed tasks unless --include-open)')
            [CompletionResult]::new('cursors', 'cursors', [CompletionResultType]::ParameterValue, 'The named positions of incremental exports (db export --cursor)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent snapshot of the whole store to a new SQLite file while the site keeps serving (a MongoDB store''s writes pause meanwhile; .gz/.bz2 names are compressed)')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy everything a store holds into another, empty one (SQLite or MongoDB, either way), checked at the end by counting both and by a checksum of the tasks and answers; --resume goes on with a copy that stopped')
            [CompletionResult]::new('upgrade', 'upgrade', [CompletionResultType]::ParameterValue, 'Move an original Vulyk database to this version''s layout (until then it is only read)')
            [CompletionResult]::new('downgrade', 'downgrade', [CompletionResultType]::ParameterValue, 'Return an upgraded MongoDB database to the shape the original Vulyk runs on')
            break
        }
        'vulyk;help;db;load' {
            break
        }
        'vulyk;help;db;export' {
            break
        }
        'vulyk;help;db;cursors' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the cursors: the scope each follows and the time up to which it has exported')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Forget a cursor: an export with it takes everything again')
            break
        }
        'vulyk;help;db;cursors;list' {
            break
        }
        'vulyk;help;db;cursors;del' {
            break
        }
        'vulyk;help;db;backup' {
            break
        }
        'vulyk;help;db;copy' {
            break
        }
        'vulyk;help;db;upgrade' {
            break
        }
        'vulyk;help;db;downgrade' {
            break
        }
        'vulyk;help;stats' {
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Per batch: tasks, closed tasks, answers, and how many tasks have how many answers')
            [CompletionResult]::new('overview', 'overview', [CompletionResultType]::ParameterValue, 'Per task type and batch: tasks, answers, live hand-outs, volunteers, answers per hour over 48 hours and time per task')
            [CompletionResult]::new('leaders', 'leaders', [CompletionResultType]::ParameterValue, 'The volunteers with the most answers of a task type, densely ranked')
            [CompletionResult]::new('quality', 'quality', [CompletionResultType]::ParameterValue, 'Agreement per batch (Krippendorff''s alpha) and each volunteer''s reliability (Dawid–Skene''s estimate of the share of their labels that are right)')
            break
        }
        'vulyk;help;stats;batch' {
            break
        }
        'vulyk;help;stats;overview' {
            break
        }
        'vulyk;help;stats;leaders' {
            break
        }
        'vulyk;help;stats;quality' {
            break
        }
        'vulyk;help;gold' {
            [CompletionResult]::new('load', 'load', [CompletionResultType]::ParameterValue, 'Load gold tasks: JSON lines {"task": {…}, "answer": {…}}, plain, gzip or bzip2. All or nothing; loading the same lines again changes nothing, a changed answer replaces the stored one')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List a type''s gold tasks with their expected answers')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete gold tasks by id, or a whole batch of them, with the answers given to them')
            break
        }
        'vulyk;help;gold;load' {
            break
        }
        'vulyk;help;gold;list' {
            break
        }
        'vulyk;help;gold;del' {
            break
        }
        'vulyk;help;rules' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List achievement rules')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one rule')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a rule')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change the given fields of a rule (volunteers who earned it keep it)')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a rule (volunteers who earned it keep it in their history)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add or replace rules from a JSON file: one object, an array, or JSON lines (- for stdin)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Print every rule as JSON lines, as `import` reads them')
            [CompletionResult]::new('simulate', 'simulate', [CompletionResultType]::ParameterValue, 'Show who would earn a rule (stored ID, or a JSON FILE) on the work recorded so far')
            break
        }
        'vulyk;help;rules;list' {
            break
        }
        'vulyk;help;rules;show' {
            break
        }
        'vulyk;help;rules;add' {
            break
        }
        'vulyk;help;rules;edit' {
            break
        }
        'vulyk;help;rules;del' {
            break
        }
        'vulyk;help;rules;import' {
            break
        }
        'vulyk;help;rules;export' {
            break
        }
        'vulyk;help;rules;simulate' {
            break
        }
        'vulyk;help;funds' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List funds')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one fund')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a fund')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change the given fields of a fund')
            [CompletionResult]::new('del', 'del', [CompletionResultType]::ParameterValue, 'Delete a fund that received no donations')
            break
        }
        'vulyk;help;funds;list' {
            break
        }
        'vulyk;help;funds;show' {
            break
        }
        'vulyk;help;funds;add' {
            break
        }
        'vulyk;help;funds;edit' {
            break
        }
        'vulyk;help;funds;del' {
            break
        }
        'vulyk;help;events' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'A volunteer''s events, oldest first: answers paid, achievements, levels, donations')
            break
        }
        'vulyk;help;events;list' {
            break
        }
        'vulyk;help;state' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'A volunteer''s level, points, coins and achievements')
            [CompletionResult]::new('top', 'top', [CompletionResultType]::ParameterValue, 'The top volunteers by one measure')
            break
        }
        'vulyk;help;state;show' {
            break
        }
        'vulyk;help;state;top' {
            break
        }
        'vulyk;help;audit' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The changes made with `vulyk` commands and the console, newest first')
            break
        }
        'vulyk;help;audit;list' {
            break
        }
        'vulyk;help;webhooks' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The webhooks of the configuration: name, address, events and retry settings')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Queue a webhook.test event for a webhook and wait for a server to deliver it')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Deliveries, newest first')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Queue a delivery again (a dead one, say), its tries counted anew')
            break
        }
        'vulyk;help;webhooks;list' {
            break
        }
        'vulyk;help;webhooks;test' {
            break
        }
        'vulyk;help;webhooks;deliveries' {
            break
        }
        'vulyk;help;webhooks;retry' {
            break
        }
        'vulyk;help;plugin' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Make a new plugin in the plugins folder: plugin.toml, a template, a script, sample tasks and a README')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Turn a plugin package of the original Vulyk (models/task_types.py, templates/, static/) into a plugin folder, listing what cannot be carried over')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check a plugin folder: plugin.toml, its templates rendered, its sample tasks read')
            break
        }
        'vulyk;help;plugin;new' {
            break
        }
        'vulyk;help;plugin;import' {
            break
        }
        'vulyk;help;plugin;check' {
            break
        }
        'vulyk;help;completions' {
            break
        }
        'vulyk;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
