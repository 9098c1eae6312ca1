import { all } from './api.js';
import type { Team, User } from './types.js';

/** Users and teams by id, to show names where the admin API answers with ids. */
export interface Directory {
  users: User[];
  teams: Team[];
  user(id: string | undefined): string;
  team(id: string | undefined): string;
}

export async function loadDirectory(): Promise<Directory> {
  const [users, teams] = await Promise.all([all<User>('/admin/users'), all<Team>('/admin/teams')]);
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  const teamNames = new Map(teams.map((t) => [t.id, t.name]));
  return {
    users,
    teams,
    // An id the store does not know is an embedding app's own user id or a config key: shown as it is.
    user: (id) => (id ? (userNames.get(id) ?? id.replace(/^config:/, 'config key ')) : '(no user)'),
    team: (id) => (id ? (teamNames.get(id) ?? id) : '(no team)'),
  };
}
