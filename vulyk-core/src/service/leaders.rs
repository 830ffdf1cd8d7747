//! Leaderboards and a volunteer's standing (spec 9), from counters kept per answer.

use super::Vulyk;
use crate::Result;
use crate::domain::UserId;

/// How many distinct answer counts a leaderboard shows, as in the original.
pub const DEFAULT_LEADERBOARD: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaderRow {
    /// Dense: volunteers with equal counts share a rank, the next count takes the next rank.
    pub rank: u64,
    pub user: UserId,
    pub username: String,
    pub answers: u64,
}

/// A volunteer's answers of a type and their dense rank (spec 9: without answers, the rank is
/// the number of distinct counts, 0 when nobody answered).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UserStats {
    pub total: u64,
    pub position: u64,
}

/// Dense ranks for counts sorted from most to fewest.
pub fn dense_ranks(counts: impl IntoIterator<Item = u64>) -> Vec<u64> {
    let mut ranks = Vec::new();
    let mut previous = None;
    let mut rank = 0;
    for count in counts {
        if previous != Some(count) {
            rank += 1;
            previous = Some(count);
        }
        ranks.push(rank);
    }
    ranks
}

impl Vulyk {
    /// The volunteers with the `limit` highest answer counts of a type; ties at the boundary
    /// are left out, as in the original.
    pub async fn leaderboard(&self, task_type: &str, limit: usize) -> Result<Vec<LeaderRow>> {
        self.plugins.get(task_type)?;
        let leaders = self.store.leaders(task_type, limit).await?;
        let ranks = dense_ranks(leaders.iter().map(|(_, answers)| *answers));
        let mut rows = Vec::with_capacity(leaders.len());
        for ((user, answers), rank) in leaders.into_iter().zip(ranks) {
            let username = self
                .store
                .user_by_id(&user)
                .await?
                .map(|u| u.username)
                .unwrap_or_default();
            rows.push(LeaderRow {
                rank,
                user,
                username,
                answers,
            });
        }
        Ok(rows)
    }

    pub async fn user_stats(&self, user: &UserId, task_type: &str) -> Result<UserStats> {
        let input = self.store.rank_input(task_type, user).await?;
        Ok(UserStats {
            total: input.total,
            position: input.higher_counts + u64::from(input.total > 0),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::dense_ranks;

    #[test]
    fn ties_share_a_rank_and_the_next_count_takes_the_next() {
        assert_eq!(dense_ranks([2, 1, 1, 0]), vec![1, 2, 2, 3]);
        assert_eq!(dense_ranks([]), Vec::<u64>::new());
    }
}
