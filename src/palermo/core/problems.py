"""What an importer reports about bad input: the file, the line, the field and what is wrong."""

from dataclasses import dataclass


@dataclass
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}, {self.field}: {self.message}"
