# Pretraining loss on the story world
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 03-pretraining-loss.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '03-pretraining-loss.png'
set termoption noenhanced
set title 'Pretraining loss on the story world' font ',15'
set xlabel 'step'
set ylabel 'cross-entropy (nats)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set logscale y
set autoscale yfix
set format y '%g'
set mytics 10
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
set ytics (0.5, 0.6, 0.8, 1, 1.5, 2, 3, 4, 6, 8)
plot '03-pretraining-loss.dat' index 0 using 1:2 with lines lt 1 title 'training (20-step average)', \
     '03-pretraining-loss.dat' index 1 using 1:2 with linespoints lt 2 title 'validation'
