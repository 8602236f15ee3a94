-- The deck of deep questions: which question was asked of whom on which
-- evening, and who answered it (the person, the user, or both). A row belongs
-- to its encounter: editing an evening rewrites them with it, and deleting
-- the evening deletes them. The questions' texts and levels are not stored:
-- they live with the deck (assets), and a question id never changes meaning.
CREATE TABLE asked_questions (
    reflection_id TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    they_answered INTEGER NOT NULL DEFAULT 0,
    i_answered    INTEGER NOT NULL DEFAULT 0,
    position      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (reflection_id, person_id, question_id),
    FOREIGN KEY (reflection_id, person_id)
        REFERENCES encounters (reflection_id, person_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- A person's deck: every question asked of them, read at once.
CREATE INDEX asked_questions_person ON asked_questions (person_id, question_id);
