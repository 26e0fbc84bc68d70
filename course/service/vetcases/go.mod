module gostep.course/vetcases

go 1.27
